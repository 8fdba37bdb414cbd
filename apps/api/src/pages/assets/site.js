/* global document, location, URL */
// Sagsspor pages: a little enhancement on top of pages that work without it.
// The as-of form becomes a slider over the sag's meeting dates: dragging it
// hides later treatments at once; letting go loads the sag as it stood then,
// with the date in the URL (?asOf=...), so the view can be linked.
'use strict';
(function () {
  function enhanceAsOf(form) {
    var slider = form.querySelector('.slider');
    var range = slider && slider.querySelector('input[type=range]');
    var select = form.querySelector('select[name=asOf]');
    if (!range || !select) return;
    var dates = (range.getAttribute('data-dates') || '').split(',');
    var out = slider.querySelector('output');
    var treatments = document.querySelectorAll('.timeline .treatment[data-date]');
    slider.hidden = false;

    function dateAt(i) {
      return i >= dates.length ? '' : dates[i];
    }
    function preview() {
      var date = dateAt(Number(range.value));
      var option = select.querySelector('option[value="' + date + '"]');
      if (out) out.textContent = option ? option.textContent : date;
      for (var i = 0; i < treatments.length; i += 1) {
        var t = treatments[i];
        t.hidden = date !== '' && t.getAttribute('data-date') > date;
      }
    }
    function go() {
      var url = new URL(form.getAttribute('action') || location.pathname, location.href);
      url.search = '';
      if (select.value) url.searchParams.set('asOf', select.value);
      var knownAt = form.querySelector('input[name=knownAt]');
      if (knownAt && knownAt.value.trim()) url.searchParams.set('knownAt', knownAt.value.trim());
      location.assign(url.pathname + url.search + '#forloeb');
    }
    range.addEventListener('input', preview);
    range.addEventListener('change', function () {
      select.value = dateAt(Number(range.value));
      go();
    });
    select.addEventListener('change', go);
  }

  function start() {
    var forms = document.querySelectorAll('form[data-asof]');
    for (var i = 0; i < forms.length; i += 1) enhanceAsOf(forms[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
