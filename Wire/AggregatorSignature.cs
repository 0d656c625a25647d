namespace PaySim.Wire;

/// <summary>
/// Seed 002's key: MD5 of "name=value&amp;…&amp;token=" + token, lower-case hex, in the documented field order, values not
/// URL-encoded, empty fields still named. These build the text before the token.
/// </summary>
public static class AggregatorSignature
{
    public static string PayPrefix(IReadOnlyDictionary<string, string> form) =>
        Join(form, "uid", "orderid", "ordername", "paymoney", "orderuid", "paytype", "notifyurl", "returnurl", "orderinfo");

    public static string OrderStatusPrefix(string orderId, string uid) => $"orderid={orderId}&uid={uid}&token=";

    public static string BalancePrefix(string uid, string requestTime) => $"uid={uid}&reqtime={requestTime}&token=";

    public static string NotifyPrefix(string payId, string orderId, string orderUid, string payMoney, string realPay) =>
        $"payid={payId}&orderid={orderId}&orderuid={orderUid}&paymoney={payMoney}&realpay={realPay}&token=";

    private static string Join(IReadOnlyDictionary<string, string> form, params string[] names) =>
        string.Concat(names.Select(name => $"{name}={form.GetValueOrDefault(name, "")}&")) + "token=";
}
