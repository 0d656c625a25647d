using System.Net;
using QRCoder;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// The cashier page payers see (seed 001 qr_code, seed 002 pay.action): merchant, amount, a QR code of the page
/// itself, a sign-in-and-pay form and the outcome. Every value shown is HTML-encoded.
/// </summary>
public static class CashierPage
{
    /// <summary>Seed 002 §1.3: after payment the payer returns to returnurl 1-3 seconds later.</summary>
    public const int ReturnDelaySeconds = 2;

    private const string Style =
        "body{font-family:sans-serif;max-width:420px;margin:0 auto;padding:16px;color:#222}" +
        "h1{font-size:1.2em}.amount{font-size:2em;font-weight:bold}.ok{color:#070}.err{color:#b00}" +
        "input,button{width:100%;box-sizing:border-box;padding:10px;margin:4px 0;font-size:1em}" +
        "button{background:#1677ff;color:#fff;border:0;border-radius:4px}img{display:block;margin:8px auto}";

    /// <summary>The order page; <paramref name="message"/> is the outcome of the last action, if any.</summary>
    public static string Render(string merchantName, MerchantOrderSnapshot order, string pageUrl, string? message, bool isError)
    {
        var returnUrl = order.Status == MerchantOrderStatus.Paid ? order.Echo.ReturnUrl : null;
        var head = returnUrl is null ? "" : $"<meta http-equiv=\"refresh\" content=\"{ReturnDelaySeconds};url={E(returnUrl)}\">";
        var body = $"<h1>{E(CashierTexts.Title)}</h1><p id=\"merchant\">{E(merchantName)}</p><p>{E(order.Subject)}</p>"
            + $"<p class=\"amount\" id=\"amount\">¥{E(Yuan.FromFen(order.AmountFen))}</p>"
            + $"<p id=\"status\">{E(CashierTexts.Status(order.Status))}</p>"
            + (message is null ? "" : $"<p id=\"message\" class=\"{(isError ? "err" : "ok")}\">{E(message)}</p>")
            + (returnUrl is null ? "" : $"<p>{E(CashierTexts.Returning)} <a id=\"return\" href=\"{E(returnUrl)}\">{E(CashierTexts.ReturnNow)}</a></p>")
            // Once the order is no longer payable, paying, scanning and payer codes are only noise on a small screen.
            + (order.Status == MerchantOrderStatus.Pending ? PayForm(order.TradeNumber) + ScanToOpen(pageUrl) + PayerCodeForm() : "");
        return Page(head, body);
    }

    /// <summary>A page showing a freshly issued payer code and its QR code.</summary>
    public static string RenderPayerCode(string code, DateTimeOffset expiresAt) => Page("",
        $"<h1>{E(CashierTexts.PayerCodeTitle)}</h1><p class=\"amount\" id=\"payer-code\">{E(code)}</p>"
        + $"<img alt=\"{E(code)}\" width=\"180\" height=\"180\" src=\"{QrDataUri(code)}\">"
        + $"<p>{E(CashierTexts.PayerCodeHint)}</p><p>{E(expiresAt.ToOffset(TimeZones.Default).ToString("HH:mm:ss"))}</p>");

    /// <summary>A page for a request that has no order to show.</summary>
    public static string RenderError(string message) =>
        Page("", $"<h1>{E(CashierTexts.Title)}</h1><p id=\"message\" class=\"err\">{E(message)}</p>");

    private static string PayForm(string tradeNumber) =>
        "<form method=\"post\" action=\"/online/pay/confirm\">"
        + $"<input type=\"hidden\" name=\"tradeNo\" value=\"{E(tradeNumber)}\">"
        + $"<input name=\"username\" id=\"username\" placeholder=\"{E(CashierTexts.Username)}\" autocomplete=\"username\" required>"
        + $"<input name=\"password\" id=\"password\" type=\"password\" placeholder=\"{E(CashierTexts.Password)}\" autocomplete=\"current-password\" required>"
        + $"<button id=\"pay\" type=\"submit\">{E(CashierTexts.Pay)}</button></form>";

    private static string ScanToOpen(string pageUrl) =>
        $"<img alt=\"{E(CashierTexts.ScanHint)}\" width=\"180\" height=\"180\" src=\"{QrDataUri(pageUrl)}\"><p style=\"text-align:center\">{E(CashierTexts.ScanHint)}</p>";

    private static string PayerCodeForm() =>
        "<details><summary>" + E(CashierTexts.GetPayerCode) + "</summary><form method=\"post\" action=\"/online/pay/payer-code\">"
        + $"<input name=\"username\" placeholder=\"{E(CashierTexts.Username)}\" required>"
        + $"<input name=\"password\" type=\"password\" placeholder=\"{E(CashierTexts.Password)}\" required>"
        + $"<button id=\"payer-code-button\" type=\"submit\">{E(CashierTexts.GetPayerCode)}</button></form></details>";

    private static string Page(string head, string body) =>
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + $"<title>{E(CashierTexts.Title)}</title><style>{Style}</style>{head}</head><body>{body}</body></html>";

    private static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
