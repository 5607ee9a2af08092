// Keeps what a member is writing: saves the composer to the server a moment after they stop
// typing, so a closed tab or a lost connection doesn't lose their words.
(function () {
    "use strict";
    var DELAY = 1500;
    document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
        var timer = null;
        var status = form.querySelector(".draft-status");
        var token = form.querySelector("input[name=csrfmiddlewaretoken]");
        function save() {
            var data = new FormData();
            data.append("key", form.dataset.draftKey);
            ["title", "body", "tags"].forEach(function (name) {
                var field = form.querySelector("[name=" + name + "]");
                if (field) { data.append(name, field.value); }
            });
            fetch(form.dataset.draftUrl, {
                method: "POST",
                body: data,
                credentials: "same-origin",
                headers: { "X-CSRFToken": token ? token.value : "" }
            }).then(function (response) {
                if (status) { status.textContent = response.ok ? "Draft saved." : "Draft not saved."; }
            }).catch(function () {
                if (status) { status.textContent = "Offline: draft not saved yet."; }
            });
        }
        form.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(save, DELAY);
        });
    });
})();
