(function () {
  var body = document.body;
  var each = function (selector, f) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), f);
  };
  var controls = document.getElementById('controls');
  document.getElementById('expand-all').addEventListener('click', function () {
    each('details.msg', function (d) { d.open = true; });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    each('details.msg', function (d) { d.open = d.classList.contains('blamed'); });
  });
  document.getElementById('only-failed').addEventListener('change', function (ev) {
    body.classList.toggle('only-failed', ev.target.checked);
  });
  controls.hidden = false;
  body.setAttribute('data-scenarios',
      String(document.querySelectorAll('section.scenario').length));
  body.setAttribute('data-rendered', 'yes');
  // parse and layout time of the page (offsetHeight forces the layout), for the check
  var height = body.offsetHeight;
  body.setAttribute('data-render-ms', String(Math.round(performance.now())));
  body.setAttribute('data-height', String(height));
})();
