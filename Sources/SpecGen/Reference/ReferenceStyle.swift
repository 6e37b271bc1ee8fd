/// The reference page's own CSS and script, inline (no stylesheet, font or script is fetched: the server is
/// often offline). System fonts only. The script only filters operations; without it the page reads the same.
enum ReferenceStyle {
    static let css = """
        :root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6475; --bg: #ffffff; --panel: #f4f6f9;
          --line: #dde2ea; --link: #1f5fbf; --code: #eef1f6; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e3e7ee; --muted: #9aa4b5; --bg: #14171d; --panel: #1b1f27;
          --line: #2d3340; --link: #7fb0ff; --code: #222834; } }
        [hidden] { display: none !important; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--fg); background: var(--bg); }
        a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
        code { background: var(--code); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: var(--code); padding: 10px; border-radius: 4px; overflow: auto; }
        pre code { background: none; padding: 0; }
        header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--panel); }
        header h1 { margin: 0; font-size: 24px; } .version { color: var(--muted); font-weight: normal; font-size: 16px; }
        .lead { margin: 4px 0; } .meta { color: var(--muted); margin: 4px 0 8px; }
        #search { width: 100%; max-width: 480px; padding: 6px 10px; font-size: 15px; border: 1px solid var(--line);
          border-radius: 4px; background: var(--bg); color: var(--fg); }
        .layout { display: grid; grid-template-columns: 360px minmax(0, 1fr); }
        nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 8px 16px;
          border-right: 1px solid var(--line); font-size: 13px; }
        nav h2 { font-size: 15px; } nav h3 { font-size: 13px; margin: 12px 0 4px; }
        nav ul { list-style: none; margin: 0; padding: 0; } nav li { margin: 2px 0; white-space: nowrap; overflow: hidden;
          text-overflow: ellipsis; }
        .navpath { color: var(--fg); font-family: ui-monospace, monospace; font-size: 12px; }
        main { padding: 0 24px 48px; min-width: 0; }
        main > section > h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
        section.op { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; margin: 16px 0;
          scroll-margin-top: 8px; }
        section.op h3 { font-size: 17px; margin: 10px 0 0; } .path { font-size: 15px; background: none; }
        .anchor { color: var(--muted); } .opid { color: var(--muted); margin: 2px 0; font-size: 13px; }
        .summary { font-weight: 600; }
        h4 { margin: 14px 0 4px; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        h5 { margin: 10px 0 4px; font-size: 14px; font-weight: 600; }
        .method { display: inline-block; min-width: 52px; text-align: center; font: 700 11px/18px ui-monospace, monospace;
          border-radius: 3px; color: #fff; background: #6b7280; padding: 0 4px; }
        .method.get { background: #1f7a3f; } .method.post { background: #1f5fbf; } .method.put { background: #9a5b00; }
        .method.patch { background: #7a4fb0; } .method.delete { background: #b3261e; }
        .status { display: inline-block; min-width: 40px; text-align: center; font: 700 12px/20px ui-monospace, monospace;
          border-radius: 3px; color: #fff; background: #6b7280; }
        .status.s2 { background: #1f7a3f; } .status.s3 { background: #1f5fbf; } .status.s4 { background: #9a5b00; }
        .status.s5 { background: #b3261e; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
        th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: var(--panel); }
        td p { margin: 0 0 4px; } td:first-child { white-space: nowrap; }
        ul.rules, ul.enum { margin: 0; padding-left: 16px; }
        .nested { opacity: .85; } .type, .media, .schema { margin: 4px 0; }
        .response { border-left: 3px solid var(--line); padding-left: 10px; margin: 8px 0; }
        .component, .scheme { border-top: 1px solid var(--line); padding-top: 4px; scroll-margin-top: 8px; }
        .also { color: var(--muted); }
        details.example summary { cursor: pointer; color: var(--muted); }
        @media (max-width: 900px) { .layout { display: block; } nav { position: static; max-height: none; border: 0; } }
        """

    /// Shows the search box and hides the operations (and their navigation entries) that do not match every
    /// word typed; the other sections hide while a filter is on.
    static let script = """
        (function () {
          var box = document.getElementById("search");
          if (!box) { return; }
          box.hidden = false;
          function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
          var items = all("[data-search]");
          var groups = all("section.tag");
          var navGroups = all("nav .navgroup");
          var statics = all("section.static");
          function apply() {
            var words = box.value.toLowerCase().split(/\\s+/).filter(function (word) { return word.length > 0; });
            items.forEach(function (item) {
              var text = item.getAttribute("data-search");
              item.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
            });
            groups.concat(navGroups).forEach(function (group) {
              group.hidden = words.length > 0 && group.querySelector("[data-search]:not([hidden])") === null;
            });
            statics.forEach(function (section) { section.hidden = words.length > 0; });
          }
          box.addEventListener("input", apply);
          apply();
        })();
        """
}
