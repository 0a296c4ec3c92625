/* Tertial's upload page: send the chosen or dropped file to the server as multipart form
 * data (POST /ladda-upp/fil), show the transfer's progress, and hand the server's JSON
 * answer to Dash (dcc.Store "upload-response"), whose callbacks follow the check.
 * Plain script, no inline code: it works under a strict Content-Security-Policy. */
(function () {
  "use strict";
  var UPLOAD_URL = "/ladda-upp/fil";

  function setProps(id, props) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props(id, props);
    }
  }

  function answer(status, body) {
    setProps("upload-response", {data: Object.assign({status: status, at: Date.now()}, body)});
  }

  function sendingText(name) {
    var zone = document.getElementById("upload-drop");
    var template = (zone && zone.getAttribute("data-sending")) || "{file}";
    return template.replace("{file}", name);
  }

  function send(file) {
    var form = new FormData();
    form.append("file", file, file.name);
    var request = new XMLHttpRequest();
    request.open("POST", UPLOAD_URL);
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        setProps("upload-progress", {value: Math.round(100 * event.loaded / event.total)});
      }
    };
    request.onload = function () {
      var body;
      try {
        body = JSON.parse(request.responseText);
      } catch (error) {
        body = {error: null};
      }
      answer(request.status, body);
    };
    request.onerror = function () { answer(0, {error: null}); };
    setProps("upload-progress", {value: 0});
    // Said here, not through a callback: a second callback in flight for the same store
    // could answer after the route's own answer and hide it.
    setProps("upload-status", {children: sendingText(file.name)});
    request.send(form);
  }

  var VISUALLY_HIDDEN = {position: "absolute", width: "1px", height: "1px", margin: "-1px",
                         padding: "0", border: "0", overflow: "hidden",
                         clip: "rect(0 0 0 0)", clipPath: "inset(50%)", whiteSpace: "nowrap"};

  // Dash has no file input: give every drop zone on the page its <input type="file">.
  function addInputs() {
    var zones = document.querySelectorAll("#upload-drop:not([data-ready])");
    Array.prototype.forEach.call(zones, function (zone) {
      var input = document.createElement("input");
      input.type = "file";
      input.id = zone.getAttribute("data-input") || "upload-input";
      input.className = "upload-input";
      input.accept = zone.getAttribute("data-accept") || "";
      // The browser's own button speaks the browser's language ("Choose File", "No file
      // chosen"), not the page's: the input stays in the Tab order and is named by the
      // page's label, which looks like the button, but is out of sight itself.
      Object.assign(input.style, VISUALLY_HIDDEN);
      var label = zone.querySelector("label[for='" + input.id + "']");
      if (label) {
        // the focus ring of base.css's keyboard focus, on what is seen (WCAG 2.4.7)
        input.addEventListener("focus", function () {
          label.classList.add("focused");
          label.style.outline = "3px solid var(--tertial-focus)";
          label.style.outlineOffset = "2px";
        });
        input.addEventListener("blur", function () {
          label.classList.remove("focused");
          label.style.outline = "";
          label.style.outlineOffset = "";
        });
      }
      zone.appendChild(input);
      zone.setAttribute("data-ready", "true");
    });
  }
  new MutationObserver(addInputs).observe(document.documentElement,
                                          {childList: true, subtree: true});
  addInputs();

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.id === "upload-input" && input.files && input.files.length) {
      send(input.files[0]);
      input.value = "";  // the same file may be chosen again after a correction
    }
  });

  function dropZone(event) {
    return event.target && event.target.closest ? event.target.closest("#upload-drop") : null;
  }

  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var zone = dropZone(event);
      if (zone) {
        event.preventDefault();
        zone.classList.add("dragging");
      }
    });
  });
  document.addEventListener("dragleave", function (event) {
    var zone = dropZone(event);
    if (zone) { zone.classList.remove("dragging"); }
  });
  document.addEventListener("drop", function (event) {
    var zone = dropZone(event);
    if (!zone) { return; }
    event.preventDefault();
    zone.classList.remove("dragging");
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length) { send(files[0]); }
  });
})();
