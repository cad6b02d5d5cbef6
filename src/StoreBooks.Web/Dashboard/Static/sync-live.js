// StoreBooks dashboard, Sync page: the run's progress as the server sends it (server-sent events). Without this script the
// page shows the same figures when reloaded.
(function () {
    "use strict";
    var panel = document.querySelector("[data-sync-events]");
    if (!panel || typeof EventSource === "undefined") {
        return;
    }

    function field(name) {
        return panel.querySelector('[data-live="' + name + '"]');
    }

    function show(name, value) {
        var element = field(name);
        if (element && value !== undefined && value !== null && element.textContent !== String(value)) {
            element.textContent = String(value);
        }
    }

    var events = new EventSource(panel.getAttribute("data-sync-events"));
    events.onopen = function () {
        panel.setAttribute("data-live-connected", "true");
    };
    events.onerror = function () {
        panel.removeAttribute("data-live-connected");
    };
    events.onmessage = function (message) {
        var run;
        try {
            run = JSON.parse(message.data);
        } catch (e) {
            return;
        }

        show("status", run.status);
        show("read", run.read);
        show("posted", run.posted);
        show("waiting", run.waiting);
        show("failed", run.failed);
        var summary = field("summary");
        if (summary && run.summary) {
            summary.textContent = run.summary;
            summary.hidden = false;
        }

        panel.setAttribute("data-live-running", run.running ? "true" : "false");
    };
}());
