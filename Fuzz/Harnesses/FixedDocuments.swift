import ESIMMarkup

/// The small fixed documents selectors, XPath and JSON paths run on: every construct
/// they can test (ids, classes, attributes with odd values, siblings, nesting, empty
/// elements, text beside elements, namespaced XML inside HTML, scripts).
enum FixedDocuments {
    static let pageSource = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Account overview</title>
        <link rel="canonical" href="https://www.example.com/account/overview">
        <script id="__NEXT_DATA__" type="application/json">{"props":{"due":"187.42"}}</script>
        <style>p { color: red }</style></head>
        <body class="page theme-dark">
        <header id="top"><nav><ul class="menu">
          <li class="item first"><a href="/bill" data-testid="bill-link">Bill</a></li>
          <li class="item"><a href="/usage" title="Usage &amp; data">Usage</a></li>
          <li class="item last" lang="en-US"><a href="https://example.com/x?a=1&amp;b=2">Help</a></li>
        </ul></nav></header>
        <main>
          <section id="summary" data-kind="overview" aria-label="Account summary">
            <h2>Amount due</h2><p class="amount total" data-testid="total-due-amount">$187.42</p>
            <p class="due">Due <time datetime="2026-12-03">Dec 3</time></p>
            <div class="empty"></div><div class="spaces"> </div>
          </section>
          <section id="lines">
            <article class="line" data-line="1"><h3>Line 1</h3><span class="number">(555) 010-0001</span>
              <div class="UsageMeter_used__x1">12.4 GB of 15 GB used</div></article>
            <article class="line" data-line="2"><h3>Line 2</h3><span class="number">(555) 010-0002</span>
              <div class="UsageMeter_used__x1">Unlimited</div><!-- comment --></article>
            <article class="line suspended" data-line="3"><h3>Line 3</h3>text beside<span></span></article>
          </section>
          <table><tr><th>Item</th><th>Cost</th></tr><tr><td>Plan</td><td>$85.99</td></tr>
            <tr><td colspan="2">Taxes &amp; fees: <b>$4.12</b></td></tr></table>
          <form><input type="text" name="q" value="a'b&quot;c"><input type="checkbox" checked></form>
          <svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>
          <p id="odd" class="-x _y" title="  spaced  " data-empty="">é 日本 \u{1F600}</p>
        </main>
        <footer><p>1</p><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p><p>7</p></footer>
        </body></html>
        """

    /// Parsed once; read-only afterwards.
    nonisolated(unsafe) static let page: HTMLDocument = try! HTMLDocument(string: pageSource)

    static let jsonSource = #"""
        {"props":{"pageProps":{"account":{"number":"123456789","balance":-5.00,"due":"187.42",
         "lines":[{"mdn":"5550100001","usage":{"used":12.4,"unit":"GB","allowance":15},"plan":{"name":"Unlimited"}},
                  {"mdn":"5550100002","usage":{"used":null,"unlimited":true},"plan":{"name":"Basic","tags":["5G","hotspot"]}},
                  {"mdn":"5550100003","usage":{},"plan":null}]}}},
         "page":"/account","query":{},"buildId":"x","isFallback":false,
         "odd keys":{"a.b":1,"$":2,"[0]":3,"..":4,"é":5,"":6,"*":7},
         "numbers":[0,-0,1e3,1E-3,12.50,123456789012345678901234567890],
         "nested":[[[[[[1]]]]],[[],{}]],"text":"line\nbreak \"quoted\" \u00e9 \ud83d\ude00"}
        """#

    static let json: JSONValue = try! JSONValue(parsing: jsonSource)
}
