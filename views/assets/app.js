// twinward's one script besides htmx: keeps the countdowns and data ages on screen current
// between refreshes, and clears the status region when a form is sent. The server renders the same text first, so nothing depends on this file.
(function () {
  'use strict';
  function words(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    if (seconds < 120) return seconds + ' s';
    if (seconds < 7200) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
    return (seconds / 86400).toFixed(1) + ' d';
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('time[data-countdown]').forEach(function (el) {
      var left = (Date.parse(el.getAttribute('datetime')) - now) / 1000;
      var template = left >= 0 ? el.dataset.future : el.dataset.past;
      if (template) el.textContent = template.replace('{age}', words(Math.abs(left)));
      el.classList.toggle('overdue', left < 0);
    });
    document.querySelectorAll('time[data-age]').forEach(function (el) {
      var age = (now - Date.parse(el.getAttribute('datetime'))) / 1000;
      if (el.dataset.template) el.textContent = el.dataset.template.replace('{age}', words(age));
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    tick();
    setInterval(tick, 1000);
  });
  // The status region (#flash) stays in sight while scrolling; the next thing a person does
  // clears the old message, so it never outlives what it was about.
  document.addEventListener('submit', function () {
    var flash = document.getElementById('flash');
    if (flash) flash.textContent = '';
  });
})();
