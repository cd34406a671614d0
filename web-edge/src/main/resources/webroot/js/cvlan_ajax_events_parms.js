// Page settings for the unchanged legacy script: the edge serves /event on this same origin.
var APP_CALL_EVENTS_PARMS = {};
APP_CALL_EVENTS_PARMS.event_url = '/event';
APP_CALL_EVENTS_PARMS.call_start_func = function(event) {
  window.legacyCallbacks = window.legacyCallbacks || [];
  window.legacyCallbacks.push({kind: 'start', event: event});
  $('<li class="start"/>').text('Call start. ' + event.event_name_s + ' calling_num ' + event.calling_num
      + ' connect_num ' + event.connect_num + ' event_id ' + event.event_id + ' vdn ' + event.vdn)
    .appendTo('#legacy_events');
};
APP_CALL_EVENTS_PARMS.call_end_func = function(event) {
  window.legacyCallbacks = window.legacyCallbacks || [];
  window.legacyCallbacks.push({kind: 'end', event: event});
  $('<li class="end"/>').text('Call end. ' + event.event_name_s + ' calling_num ' + event.calling_num
      + ' connect_num ' + event.connect_num + ' event_id ' + event.event_id + ' vdn ' + event.vdn)
    .appendTo('#legacy_events');
};
