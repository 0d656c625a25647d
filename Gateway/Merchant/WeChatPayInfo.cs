using System.Globalization;
using System.Text.Json;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>
/// Seed 001 §2.2's payInfo for a WeChat JSAPI order (channel_type 2): the fields a WeChat page hands to its JS
/// bridge, with package <c>prepay_id={trade_no}</c>, PaySim's cashier page as callback_url, and paySign the
/// upper-case MD5 of the WeChat string followed by <c>&amp;key=</c> and the merchant's key.
/// </summary>
public static class WeChatPayInfo
{
    public static async Task<string> BuildAsync(FufuRequest request, MerchantOrderSnapshot order, string cashierUrl, MerchantApiServices services)
    {
        var timestamp = services.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var appId = request.Text("subAppId") ?? "";
        var package = "prepay_id=" + order.TradeNumber;
        var signed = $"appId={appId}&nonceStr={timestamp}&package={package}&signType=MD5&timeStamp={timestamp}&key=";
        var paySign = await services.Calls.RepeatableAsync(() => services.Grains.GetGrain<IMerchantGrain>(order.MerchantId).SignAsync(MerchantSecretKind.Key, signed, ""));
        return JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["appId"] = appId, ["timeStamp"] = timestamp, ["status"] = "0", ["signType"] = "MD5", ["package"] = package,
            ["callback_url"] = cashierUrl, ["nonceStr"] = timestamp, ["paySign"] = paySign?.Digest.ToUpperInvariant(),
        });
    }
}
