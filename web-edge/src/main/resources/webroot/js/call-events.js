/*
 * call-events.js: follow call-progress events from the call-events edge in a browser.
 * No dependencies. Served by every edge at /call-events.js.
 *
 *   var follower = CallEvents.follow({
 *     extensions: ['4567'],               // or vdns: ['4500'], or all: true (supervisors)
 *     urls: ['https://edge.example'],     // default: this page's origin; several edges are tried in turn
 *     token: 'eyJ...',                    // or a function returning a fresh token at each (re)connect
 *     name: 'agent-1234',                 // optional: how this screen shows in the edge's subscriber list and logs
 *     call_start_func: function (event) {},
 *     call_end_func: function (event) {},
 *     on_event: function (event, meta) {},   // every event; meta = {extension, seq}
 *     on_gap: function (gap) {},             // some events left the edge's window while away
 *     on_status: function (status, detail) {}  // connecting, connected, subscribed, disconnected, fallback, error
 *   });
 *   follower.close();
 *
 * WebSocket first; where it is refused, SSE, then long-poll. A lost connection is retried with a
 * doubling, jittered, capped back-off, on the next edge of `urls`, and resumed from the last
 * sequence seen per extension, so nothing still in the window is missed or shown twice.
 *
 * A page written for cvlan_ajax_events.js switches by loading this file instead: it reads
 * APP_CALL_EVENTS_PARMS (event_url, call_start_func, call_end_func) and offers the same
 * call_event_info.set_extension / start_call_events.
 */
(function (global) {
  'use strict';
  var START = /c_connected/i;
  var END = /c_drop|c_callend/i;
  var ALL_TRANSPORTS = ['websocket', 'sse', 'longpoll'];
  function noop() {}

  function Follower(o) {
    this.extensions = (o.extensions || []).map(String);
    this.vdns = (o.vdns || []).map(String);
    this.all = !!o.all;
    this.urls = (o.urls && o.urls.length ? o.urls : [global.location.origin]).map(function (u) {
      return String(u).replace(/\/+$/, '');
    });
    this.token = o.token;
    this.name = o.name ? String(o.name) : '';
    this.transports = (o.transports || ALL_TRANSPORTS).filter(function (t) {
      return (t !== 'websocket' || global.WebSocket) && (t !== 'sse' || global.EventSource);
    });
    this.onEvent = o.on_event || noop;
    this.onGap = o.on_gap || noop;
    this.onStatus = o.on_status || noop;
    this.callStart = o.call_start_func || noop;
    this.callEnd = o.call_end_func || noop;
    this.firstDelay = o.backoff_first_ms || 500;
    this.maxDelay = o.backoff_max_ms || 30000;
    this.lastSeq = {};       // extension -> last sequence delivered
    this.resetAllowed = {};  // extension -> a gap or reset was announced: the next event may go back
    this.transport = 0;
    this.url = 0;
    this.retries = 0;        // since the last connection that opened
    this.failedOpens = 0;    // on this transport, in a row
    this.closed = false;
    this.connection = null;
    this.connect();
  }

  Follower.prototype.close = function () {
    this.closed = true;
    clearTimeout(this.timer);
    if (this.connection) { this.connection.close(); }
  };

  Follower.prototype.connect = function () {
    var name = this.transports[this.transport];
    var base = this.urls[this.url];
    this.onStatus('connecting', {transport: name, url: base});
    var open = {websocket: this.openWebSocket, sse: this.openSse, longpoll: this.openLongPoll}[name];
    this.connection = open.call(this, base);
  };

  Follower.prototype.opened = function (base) {
    this.retries = 0;
    this.failedOpens = 0;
    this.onStatus('connected', {transport: this.transports[this.transport], url: base});
  };

  /** A connection ended: move on to the next edge (and transport, if this one never opens) and retry. */
  Follower.prototype.lost = function (everOpened) {
    if (this.closed) { return; }
    this.connection = null;
    if (!everOpened && ++this.failedOpens >= 2 * this.urls.length && this.transport + 1 < this.transports.length) {
      this.onStatus('fallback', {from: this.transports[this.transport], to: this.transports[this.transport + 1]});
      this.transport++;
      this.failedOpens = 0;
      this.retries = 0;
    }
    this.url = (this.url + 1) % this.urls.length;
    var base = Math.min(this.maxDelay, this.firstDelay * Math.pow(2, this.retries++));
    var delay = Math.round(base / 2 + Math.random() * base / 2);
    this.onStatus('disconnected', {retry_in_ms: delay});
    var self = this;
    this.timer = setTimeout(function () { self.connect(); }, delay);
  };

  Follower.prototype.deliver = function (extension, seq, event) {
    var last = this.lastSeq[extension];
    if (last !== undefined && seq <= last && !this.resetAllowed[extension]) { return; } // already shown
    delete this.resetAllowed[extension];
    this.lastSeq[extension] = seq;
    this.onEvent(event, {extension: extension, seq: seq});
    var name = event.event_name_s || '';
    if (END.test(name)) { this.callEnd(event); } else if (START.test(name)) { this.callStart(event); }
  };

  Follower.prototype.gap = function (gap) {
    this.resetAllowed[gap.extension] = true;
    this.onGap(gap);
  };

  Follower.prototype.query = function (params) {
    var token = typeof this.token === 'function' ? this.token() : this.token;
    if (token) { params.push('token=' + encodeURIComponent(token)); }
    if (this.name) { params.push('name=' + encodeURIComponent(this.name)); }
    return params.length ? '?' + params.join('&') : '';
  };

  Follower.prototype.openWebSocket = function (base) {
    var self = this, everOpened = false;
    var ws = new global.WebSocket(base.replace(/^http/, 'ws') + '/ws' + this.query([]));
    ws.onopen = function () {
      everOpened = true;
      self.opened(base);
      ws.send(JSON.stringify({op: 'subscribe', extensions: self.extensions, vdns: self.vdns, all: self.all,
        since: self.lastSeq}));
    };
    ws.onmessage = function (m) {
      var msg = JSON.parse(m.data);
      if (msg.type === 'event') { self.deliver(msg.extension, msg.seq, msg.event); }
      else if (msg.type === 'gap') { self.gap(msg); }
      else if (msg.type === 'subscribed') { self.onStatus('subscribed', {transport: 'websocket', url: base}); }
      else if (msg.type === 'error') { self.onStatus('error', {reason: msg.reason}); }
    };
    ws.onclose = function () { self.lost(everOpened); };
    return {close: function () { ws.onclose = null; ws.close(); }};
  };

  /** One EventSource per extension (SSE resumes one sequence per stream), or one per VDN / for all. */
  Follower.prototype.openSse = function (base) {
    var self = this, everOpened = false, sources = [], done = false;
    function stop() { done = true; sources.forEach(function (s) { s.close(); }); }
    function stream(param, extension) {
      var params = [param];
      if (extension !== undefined && self.lastSeq[extension] !== undefined) { params.push('lastEventId=' + self.lastSeq[extension]); }
      var es = new global.EventSource(base + '/events' + self.query(params));
      es.onopen = function () { if (!everOpened) { everOpened = true; self.opened(base); } };
      es.addEventListener('call-event', function (e) {
        var id = String(e.lastEventId), colon = id.lastIndexOf(':');
        var ext = colon < 0 ? extension : id.substring(0, colon);
        self.deliver(ext, Number(colon < 0 ? id : id.substring(colon + 1)), JSON.parse(e.data));
      });
      es.addEventListener('gap', function (e) { self.gap(JSON.parse(e.data)); });
      // The browser would retry the same edge on its own; we take over to rotate edges and back off.
      es.onerror = function () { if (!done) { stop(); self.lost(everOpened); } };
      sources.push(es);
    }
    this.extensions.forEach(function (x) { stream('extension=' + encodeURIComponent(x), x); });
    this.vdns.forEach(function (v) { stream('vdn=' + encodeURIComponent(v)); });
    if (this.all) { stream('all=true'); }
    return {close: stop};
  };

  /** The legacy protocol: one held request per extension, walking event ids one event at a time. */
  Follower.prototype.openLongPoll = function (base) {
    var self = this, everOpened = false, requests = {}, done = false;
    function stop() { done = true; Object.keys(requests).forEach(function (x) { requests[x].abort(); }); }
    function poll(extension) {
      var last = self.lastSeq[extension];
      var xhr = new global.XMLHttpRequest();
      requests[extension] = xhr;
      xhr.open('GET', base + '/event' + self.query(['extension=' + encodeURIComponent(extension),
        'eventid=' + (last === undefined ? 'i' : last)]));
      xhr.timeout = 120000;
      xhr.onload = function () {
        if (done) { return; }
        if (xhr.status !== 200) { stop(); self.lost(everOpened); return; }
        if (!everOpened) { everOpened = true; self.opened(base); }
        var event = JSON.parse(xhr.responseText), seq = Number(event.event_id);
        if (event.event_name_s === 'keepalive') {
          // nothing new
        } else if (!event.event_name_s) {
          if (last === undefined) { self.lastSeq[extension] = 0; } // placeholder: not seen yet, wait for its first event
        } else {
          if (last !== undefined && seq < last) { self.resetAllowed[extension] = true; } // the edge's sequence was reset
          self.deliver(extension, seq, event);
        }
        poll(extension);
      };
      xhr.onerror = xhr.ontimeout = function () { if (!done) { stop(); self.lost(everOpened); } };
      xhr.send();
    }
    this.extensions.forEach(poll);
    return {close: stop};
  };

  var CallEvents = {
    follow: function (options) { return new Follower(options || {}); }
  };
  global.CallEvents = CallEvents;

  // The legacy script's interface, for pages that change only their script tag.
  if (global.APP_CALL_EVENTS_PARMS && !global.call_event_info) {
    global.call_event_info = (function (parms) {
      var extension = null, follower = null;
      var url = new URL(parms.event_url || '/event', global.location.href);
      return {
        set_extension: function (e) { extension = String(e); },
        start_call_events: function () {
          if (follower) { follower.close(); }
          follower = CallEvents.follow({
            extensions: [extension],
            urls: [url.origin + url.pathname.replace(/\/event\/?$/, '')],
            token: url.searchParams.get('token') || undefined,
            name: url.searchParams.get('name') || undefined,
            call_start_func: parms.call_start_func,
            call_end_func: parms.call_end_func
          });
        }
      };
    })(global.APP_CALL_EVENTS_PARMS);
  }
})(window);
