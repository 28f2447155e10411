import { ACTION_REASON_TEXT } from '../plan/actionReasons';

/**
 * The report page's script, as text: it is inlined into every report (no
 * network, works from file://). Plain ES2020 without template literals so it
 * can live in this string; it only ever writes text through textContent,
 * never HTML, so plan content cannot become markup.
 *
 * It decodes the embedded model (gzip + base64), draws resources in a
 * virtualized list (only rows near the viewport exist in the DOM), and
 * handles search, action filters, expand/collapse, deep links (#address),
 * outputs, drift, checks, diagnostics and the log.
 */
const RAW_VIEWER_SCRIPT = String.raw`(function () {
  'use strict';
  var RC = { address: 0, action: 1, type: 2, module: 3, provider: 4, reason: 5, replacePaths: 6, previousAddress: 7, importingId: 8, deposed: 9, before: 10, after: 11, afterUnknown: 12 };
  var ACTIONS = [
    ['delete', '-', 'delete'], ['replace', '-/+', 'replace'], ['replace-create-first', '+/-', 'replace (create first)'],
    ['forget', '.', 'forget'], ['update', '~', 'update'], ['create', '+', 'create'], ['import', '<-', 'import'],
    ['move', '->', 'move'], ['read', '<=', 'read'], ['no-op', ' ', 'no-op']
  ];
  var SYM = {}, LABEL = {};
  ACTIONS.forEach(function (a) { SYM[a[0]] = a[1]; LABEL[a[0]] = a[2]; });
  var REASONS = __ACTION_REASONS__;
  var SENSITIVE = '(sensitive value)';
  var UNKNOWN = {};
  var COLLAPSED = 30, EXPANDED_GUESS = 240, OVERSCAN = 600;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function isObj(v) { return v !== null && typeof v === 'object'; }
  function keyPart(k) { return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? '.' + k : '[' + JSON.stringify(k) + ']'; }
  function join(prefix, k) { var p = typeof k === 'number' ? '[' + k + ']' : keyPart(k); return prefix === '' && p.charAt(0) === '.' ? p.slice(1) : prefix + p; }
  function pathString(parts) { var s = ''; for (var i = 0; i < parts.length; i++) s = join(s, parts[i]); return s; }

  // Leaves of a value by path; empty containers are leaves too.
  function flatten(value, prefix, out) {
    if (Array.isArray(value)) {
      if (value.length === 0) { out[prefix] = value; return out; }
      for (var i = 0; i < value.length; i++) flatten(value[i], join(prefix, i), out);
    } else if (isObj(value)) {
      var keys = Object.keys(value);
      if (keys.length === 0) { out[prefix] = value; return out; }
      for (var j = 0; j < keys.length; j++) flatten(value[keys[j]], join(prefix, keys[j]), out);
    } else {
      out[prefix] = value;
    }
    return out;
  }
  // after_unknown marks (true) replace what after says below them.
  function markUnknown(unknown, prefix, out) {
    if (unknown === true) {
      Object.keys(out).forEach(function (k) {
        if (k === prefix || (prefix !== '' && (k.indexOf(prefix + '.') === 0 || k.indexOf(prefix + '[') === 0)) || prefix === '') delete out[k];
      });
      out[prefix] = UNKNOWN;
    } else if (Array.isArray(unknown)) {
      for (var i = 0; i < unknown.length; i++) markUnknown(unknown[i], join(prefix, i), out);
    } else if (isObj(unknown)) {
      Object.keys(unknown).forEach(function (k) { markUnknown(unknown[k], join(prefix, k), out); });
    }
  }
  function same(a, b) { return a === b || (isObj(a) && isObj(b) && JSON.stringify(a) === JSON.stringify(b)); }

  function diffRows(item) {
    var action = item[RC.action];
    var before = action === 'create' ? {} : flatten(item[RC.before], '', {});
    var after = action === 'delete' || action === 'forget' ? {} : flatten(item[RC.after], '', {});
    if (action !== 'delete' && action !== 'forget') markUnknown(item[RC.afterUnknown], '', after);
    var forcing = (item[RC.replacePaths] || []).map(pathString);
    var rows = [], seen = {};
    function push(path) {
      if (seen[path]) return; seen[path] = 1;
      var inB = Object.prototype.hasOwnProperty.call(before, path), inA = Object.prototype.hasOwnProperty.call(after, path);
      var kind = !inB ? 'add' : !inA ? 'remove' : same(before[path], after[path]) ? 'same' : 'change';
      var forces = forcing.some(function (f) { return path === f || path.indexOf(f + '.') === 0 || path.indexOf(f + '[') === 0; });
      rows.push({ path: path === '' ? '(value)' : path, before: inB ? before[path] : undefined, after: inA ? after[path] : undefined, kind: kind, forces: forces, inB: inB, inA: inA });
    }
    Object.keys(before).forEach(push);
    Object.keys(after).forEach(push);
    return rows;
  }

  function valueNode(v, present) {
    if (!present) return el('span', 'sub', '');
    if (v === UNKNOWN) return el('span', 'unknown', '(known after apply)');
    if (v === SENSITIVE) return el('span', 'sensitive', '(sensitive value)');
    if (typeof v === 'string') {
      var t = v.trim();
      if ((t.charAt(0) === '{' || t.charAt(0) === '[') && t.length > 2) {
        try { return el('span', '', JSON.stringify(JSON.parse(t), null, 2)); } catch (e) { /* not JSON */ }
      }
      return el('span', '', JSON.stringify(v));
    }
    if (Array.isArray(v)) return el('span', '', '[]');
    if (isObj(v)) return el('span', '', '{}');
    return el('span', '', String(v));
  }

  function diffTable(rows, showSame) {
    var table = el('table', 'diff');
    var head = el('tr');
    ['attribute', 'before', 'after'].forEach(function (h) { head.appendChild(el('th', '', h)); });
    table.appendChild(head);
    rows.forEach(function (r) {
      if (r.kind === 'same' && !showSame) return;
      var tr = el('tr', 'd-' + r.kind);
      var name = el('td', '', r.path);
      if (r.forces) name.appendChild(el('span', 'forces', '  # forces replacement'));
      tr.appendChild(name);
      var b = el('td'); b.appendChild(valueNode(r.before, r.inB)); tr.appendChild(b);
      var a = el('td'); a.appendChild(valueNode(r.after, r.inA)); tr.appendChild(a);
      table.appendChild(tr);
    });
    return table;
  }

  function resourceBody(item, state) {
    var body = el('div', 'rb');
    var reason = item[RC.reason];
    var action = item[RC.action];
    if (reason) body.appendChild(el('p', 'note' + (action === 'delete' || action.indexOf('replace') === 0 ? ' risk' : ''), item[RC.address] + ' ' + (REASONS[reason] || reason)));
    if (item[RC.replacePaths]) body.appendChild(el('p', 'note risk', 'Replacement forced by: ' + item[RC.replacePaths].map(pathString).join(', ')));
    if (item[RC.previousAddress]) body.appendChild(el('p', 'note', 'Moved from ' + item[RC.previousAddress]));
    if (item[RC.importingId]) body.appendChild(el('p', 'note', 'Imported from id ' + item[RC.importingId]));
    if (item[RC.deposed]) body.appendChild(el('p', 'note', 'Deposed object ' + item[RC.deposed]));
    var rows = diffRows(item);
    var changed = rows.filter(function (r) { return r.kind !== 'same'; }).length;
    var unchanged = rows.length - changed;
    if (rows.length === 0) body.appendChild(el('p', 'note', 'No attributes.'));
    else body.appendChild(diffTable(rows, state.showSame || changed === 0));
    if (unchanged > 0 && changed > 0) {
      var toggle = el('button', '', state.showSame ? 'Hide unchanged attributes' : 'Show ' + unchanged + ' unchanged attributes');
      toggle.addEventListener('click', function (ev) { ev.stopPropagation(); state.showSame = !state.showSame; state.rerender(); });
      body.appendChild(toggle);
    }
    return body;
  }

  function header(item, expanded, note) {
    var h = el('div', 'rh');
    h.setAttribute('role', 'button');
    h.setAttribute('aria-expanded', String(expanded));
    var action = item[RC.action];
    h.appendChild(el('span', 'sym a-' + action, SYM[action] || action)).title = LABEL[action] || action;
    h.appendChild(el('span', 'addr', item[RC.address]));
    var sub = [LABEL[action] || action, item[RC.provider].replace(/^registry\.[^/]+\//, '')];
    if (item[RC.reason]) sub.push(item[RC.reason].replace(/_/g, ' '));
    if (note) sub.push(note);
    h.appendChild(el('span', 'sub', sub.filter(Boolean).join(' · ')));
    return h;
  }

  function VirtualList(container, items, options) {
    var self = this;
    var heights = new Float64Array(items.length);
    var expanded = new Uint8Array(items.length);
    var showSame = new Uint8Array(items.length);
    var visible = [], offsets = new Float64Array(1), inner = el('div');
    var haystack = null;
    container.appendChild(inner);
    function heightOf(i) { return heights[i] || (expanded[i] ? EXPANDED_GUESS : COLLAPSED); }
    function layout() {
      offsets = new Float64Array(visible.length + 1);
      for (var k = 0; k < visible.length; k++) offsets[k + 1] = offsets[k] + heightOf(visible[k]);
      container.style.height = offsets[visible.length] + 'px';
    }
    function firstAt(y) {
      var lo = 0, hi = visible.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (offsets[mid + 1] <= y) lo = mid + 1; else hi = mid; }
      return lo;
    }
    var scheduled = false;
    function schedule() { if (!scheduled) { scheduled = true; requestAnimationFrame(function () { scheduled = false; draw(); }); } }
    function draw() {
      var top = window.scrollY - (container.getBoundingClientRect().top + window.scrollY);
      var from = firstAt(Math.max(0, top - OVERSCAN));
      var to = firstAt(top + window.innerHeight + OVERSCAN);
      inner.textContent = '';
      var remeasure = false;
      for (var k = from; k <= to && k < visible.length; k++) {
        var i = visible[k];
        var row = renderRow(i, k);
        inner.appendChild(row);
        if (expanded[i]) {
          var h = row.offsetHeight;
          if (h && Math.abs(h - heights[i]) > 1) { heights[i] = h; remeasure = true; }
        }
      }
      if (remeasure) { layout(); drawPositions(); }
      if (visible.length === 0) inner.appendChild(el('div', 'empty', options.emptyText));
    }
    function drawPositions() {
      var rows = inner.children;
      for (var r = 0; r < rows.length; r++) {
        var k = Number(rows[r].getAttribute('data-k'));
        if (!isNaN(k)) rows[r].style.top = offsets[k] + 'px';
      }
    }
    function renderRow(i, k) {
      var item = items[i];
      var row = el('div', 'row');
      row.setAttribute('data-k', String(k));
      row.id = 'r:' + item[RC.address];
      row.style.top = offsets[k] + 'px';
      row.style.height = expanded[i] ? 'auto' : COLLAPSED + 'px';
      var h = header(item, !!expanded[i], options.note ? options.note(item) : '');
      h.addEventListener('click', function () { self.toggle(i); });
      row.appendChild(h);
      if (expanded[i]) {
        row.appendChild(resourceBody(item, {
          showSame: !!showSame[i],
          rerender: function () { showSame[i] = showSame[i] ? 0 : 1; heights[i] = 0; layout(); draw(); }
        }));
      }
      return row;
    }
    this.toggle = function (i, open) {
      expanded[i] = open === undefined ? (expanded[i] ? 0 : 1) : open ? 1 : 0;
      heights[i] = 0;
      if (expanded[i]) history.replaceState(null, '', '#' + encodeURIComponent(items[i][RC.address]));
      layout(); draw();
    };
    this.setAll = function (open) {
      for (var k = 0; k < visible.length; k++) { expanded[visible[k]] = open ? 1 : 0; heights[visible[k]] = 0; }
      layout(); draw();
    };
    this.filter = function (query, actions) {
      if (!haystack) haystack = items.map(function (it) { return (it[RC.address] + ' ' + it[RC.type] + ' ' + it[RC.module] + ' ' + it[RC.provider]).toLowerCase(); });
      var q = query.trim().toLowerCase();
      visible = [];
      for (var i = 0; i < items.length; i++) {
        if (actions[items[i][RC.action]] === false) continue;
        if (q && haystack[i].indexOf(q) < 0) continue;
        visible.push(i);
      }
      layout(); draw();
      return visible.length;
    };
    this.reveal = function (address) {
      var i = -1;
      for (var j = 0; j < items.length; j++) if (items[j][RC.address] === address) { i = j; break; }
      if (i < 0) return false;
      var k = visible.indexOf(i);
      if (k < 0) return false;
      expanded[i] = 1; heights[i] = 0; layout();
      window.scrollTo(0, container.getBoundingClientRect().top + window.scrollY + offsets[k] - 60);
      draw();
      return true;
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', function () { heights.fill(0); layout(); schedule(); });
  }

  function section(title, id) {
    var s = el('section'); s.id = id; s.appendChild(el('h2', '', title)); return s;
  }

  function plainTable(headers, rows) {
    var t = el('table', 'plain');
    var tr = el('tr');
    headers.forEach(function (h) { tr.appendChild(el('th', '', h)); });
    t.appendChild(tr);
    rows.forEach(function (cells) {
      var r = el('tr');
      cells.forEach(function (c) { var td = el('td'); if (c instanceof Node) td.appendChild(c); else td.textContent = c; r.appendChild(td); });
      t.appendChild(r);
    });
    return t;
  }

  function render(model) {
    var app = document.getElementById('app');
    app.textContent = '';
    var resources = model.resources;
    var counts = {};
    resources.forEach(function (r) { counts[r[RC.action]] = (counts[r[RC.action]] || 0) + 1; });

    var toolbar = el('div', 'toolbar');
    var search = el('input');
    search.type = 'search';
    search.placeholder = 'Search address, type, module, provider';
    search.setAttribute('aria-label', 'Search resources');
    toolbar.appendChild(search);
    // no-op rows are hidden at first unless they are all there is
    var shown = {};
    if (counts['no-op'] && counts['no-op'] < resources.length) shown['no-op'] = false;
    var buttons = [];
    ACTIONS.forEach(function (a) {
      if (!counts[a[0]]) return;
      var b = el('button', 'sym a-' + a[0], a[2] + ' ' + counts[a[0]]);
      b.setAttribute('aria-pressed', String(shown[a[0]] !== false));
      b.setAttribute('data-action', a[0]);
      b.addEventListener('click', function () { shown[a[0]] = shown[a[0]] === false; b.setAttribute('aria-pressed', String(shown[a[0]] !== false)); apply(); });
      buttons.push(b); toolbar.appendChild(b);
    });
    var expandAll = el('button', '', 'Expand all');
    var collapseAll = el('button', '', 'Collapse all');
    var status = el('span', 'sub');
    status.setAttribute('aria-live', 'polite');
    toolbar.appendChild(expandAll); toolbar.appendChild(collapseAll); toolbar.appendChild(status);

    var changes = section('Resource changes', 'changes');
    changes.appendChild(toolbar);
    var listBox = el('div', 'list');
    listBox.id = 'resources';
    changes.appendChild(listBox);
    app.appendChild(changes);
    var list = new VirtualList(listBox, resources, { emptyText: resources.length ? 'No resource matches the search and filters.' : 'No resource changes.' });
    function apply() {
      var n = list.filter(search.value, shown);
      status.textContent = n + ' of ' + resources.length + ' resources';
    }
    search.addEventListener('input', apply);
    expandAll.addEventListener('click', function () { list.setAll(true); });
    collapseAll.addEventListener('click', function () { list.setAll(false); });
    apply();

    if (model.outputs.length) {
      var outs = section('Outputs', 'outputs');
      outs.appendChild(plainTable(['output', 'action', 'before', 'after'], model.outputs.map(function (o) {
        var after = o[4] === true ? UNKNOWN : o[3];
        return [o[0], LABEL[o[1]] || o[1], valueNode(o[2], o[1] !== 'create'), valueNode(after, o[1] !== 'delete')];
      })));
      app.appendChild(outs);
    }
    if (model.drift.length) {
      var drift = section('Changed outside of Terraform/OpenTofu (drift): ' + model.drift.length, 'drift');
      drift.appendChild(el('p', 'note', 'Objects that changed since the last apply; the plan above already takes them into account.'));
      var driftBox = el('div', 'list');
      drift.appendChild(driftBox);
      app.appendChild(drift);
      var relevant = model.relevant || {};
      var driftList = new VirtualList(driftBox, model.drift, {
        emptyText: '',
        note: function (item) {
          var paths = relevant[item[RC.address]];
          return paths ? 'relevant to this plan: ' + paths.join(', ') : '';
        }
      });
      driftList.filter('', {});
    }
    if (model.deferred && model.deferred.length) {
      var deferred = section('Deferred to a later plan: ' + model.deferred.length, 'deferred');
      deferred.appendChild(plainTable(['resource', 'action', 'reason'], model.deferred.map(function (d) {
        return [d[0], LABEL[d[2]] || d[2], d[1].replace(/_/g, ' ')];
      })));
      app.appendChild(deferred);
    }
    if (model.checks.length) {
      var checks = section('Checks', 'checks');
      checks.appendChild(plainTable(['check', 'kind', 'status', 'problems'], model.checks.map(function (c) {
        return [c.address, c.kind, c.status, c.problems.join('\n')];
      })));
      app.appendChild(checks);
    }
    if (model.diagnostics && model.diagnostics.length) {
      var diags = section('Diagnostics', 'diagnostics');
      model.diagnostics.forEach(function (d) {
        var box = el('div', 'diag' + (d.severity === 'warning' ? ' w' : ''));
        box.appendChild(el('strong', '', (d.severity === 'warning' ? 'Warning: ' : 'Error: ') + d.summary));
        if (d.address || d.location) box.appendChild(el('div', 'sub', [d.address, d.location].filter(Boolean).join(' — ')));
        if (d.detail) box.appendChild(el('pre', '', d.detail));
        diags.appendChild(box);
      });
      app.insertBefore(diags, app.firstChild);
    }
    if (model.apply) {
      var ap = model.apply;
      var applied = section('Apply: ' + ap.outcome + (ap.counts ? ' — ' + ap.counts.add + ' added, ' + ap.counts.change + ' changed, ' + ap.counts.destroy + ' destroyed' + (ap.counts.import ? ', ' + ap.counts.import + ' imported' : '') : ''), 'apply');
      applied.appendChild(plainTable(['resource', 'action', 'status', 'took'], ap.resources.map(function (r) {
        return [r[0], r[1], r[2], r[3] === null ? '' : r[3] + ' s'];
      })));
      app.insertBefore(applied, app.firstChild);
    }
    if (typeof model.log === 'string') {
      var log = section('Log', 'log');
      var details = el('details');
      details.appendChild(el('summary', '', 'Show the log (' + model.log.split('\n').length + ' lines)'));
      details.appendChild(el('pre', 'log', model.log));
      log.appendChild(details);
      app.appendChild(log);
    }

    function followHash() {
      var address = decodeURIComponent(location.hash.slice(1));
      if (!address) return;
      if (!list.reveal(address)) {
        search.value = ''; Object.keys(shown).forEach(function (k) { shown[k] = undefined; });
        buttons.forEach(function (b) { b.setAttribute('aria-pressed', 'true'); });
        apply(); list.reveal(address);
      }
    }
    window.addEventListener('hashchange', followHash);
    followHash();
    document.documentElement.setAttribute('data-ready', 'true');
    // for benchmarks: when the first rows were drawn, since navigation start
    document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  }

  async function load() {
    var raw = document.getElementById('tofui-data').textContent.trim();
    var binary = atob(raw);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return JSON.parse(await new Response(stream).text());
  }

  load().then(render, function (error) {
    var app = document.getElementById('app');
    app.textContent = '';
    app.appendChild(el('p', 'diag', 'This browser cannot open the report data: ' + error));
  });
})();
`;

/** The script with the reason texts shared with the frontend filled in. */
export const VIEWER_SCRIPT = RAW_VIEWER_SCRIPT.replace(
  '__ACTION_REASONS__',
  JSON.stringify(ACTION_REASON_TEXT),
);
