// The demo page's own code: the legacy panel drives cvlan_ajax_events.js exactly as old pages did;
// the other panel follows with call-events.js (WebSocket, resuming across reconnects) and keeps a table
// of calls in progress.
$(function() {
  $('#ext_button').click(function() {
    var ext = $('#ext_input').val();
    call_event_info.set_extension(ext);
    call_event_info.start_call_events();
    $('#ext_log').val('following ' + ext);
  });

  function loadExtensions() {
    $.ajax({url: '/api/extensions', dataType: 'json', success: function(data) {
      var list = $('#extension_list').empty();
      if (!data.extensions.length) { list.text('none yet'); }
      $.each(data.extensions, function(i, e) {
        $('<a/>').text(e.extension + ' (' + e.last_event_name + ')').attr('data-ext', e.extension).click(function() {
          $('#ext_input').val(e.extension); $('#ws_input').val(e.extension);
        }).appendTo(list);
      });
    }});
  }
  loadExtensions();
  setInterval(loadExtensions, 5000);

  var socket = null;
  var calls = {};
  function renderCalls() {
    var body = $('#calls tbody').empty();
    $.each(calls, function(ext, c) {
      $('<tr/>').append($('<td/>').text(ext), $('<td/>').text(c.state), $('<td/>').text(c.calling || ''),
        $('<td/>').text(c.vdn || ''), $('<td/>').text(c.since)).appendTo(body);
    });
  }
  function onEvent(msg) {
    var e = msg.event;
    $('<li/>').text('#' + msg.seq + ' ' + msg.extension + ' ' + e.event_name_s + ' ' + (e.calling_num || ''))
      .prependTo('#ws_events');
    if (/c_drop|c_callend/i.test(e.event_name_s)) {
      delete calls[msg.extension];
    } else if (/c_connected/i.test(e.event_name_s)) {
      calls[msg.extension] = {state: 'talking', calling: e.calling_num, vdn: e.vdn, since: e.event_time};
    } else if (/c_offered|c_alerting/i.test(e.event_name_s)) {
      calls[msg.extension] = {state: 'ringing', calling: e.calling_num, vdn: e.vdn, since: e.event_time};
    }
    renderCalls();
  }
  var follower = null;
  $('#ws_button').click(function() {
    var exts = $.map($('#ws_input').val().split(','), $.trim);
    if (follower) { follower.close(); }
    follower = CallEvents.follow({
      extensions: exts,
      on_event: function(event, meta) { onEvent({extension: meta.extension, seq: meta.seq, event: event}); },
      on_gap: function() { $('<li/>').text('(gap: some events left the window)').prependTo('#ws_events'); },
      on_status: function(status, detail) {
        var live = status === 'connected' || status === 'subscribed';
        $('#ws_status').text(live ? 'connected' : status + ' ' + JSON.stringify(detail));
      }
    });
  });
});
