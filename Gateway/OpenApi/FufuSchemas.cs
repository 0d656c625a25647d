using Microsoft.OpenApi;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Seed 001's bodies and answers as the gateway reads and writes them (Gateway/Apis/MerchantPayApi*.cs,
/// Gateway/Merchant/FufuOrders.cs, Wire/FufuOrderFields.cs). Integers are accepted as numbers or strings of digits,
/// as the seed's own examples send them ("total_fee": "250").
/// </summary>
internal static class FufuSchemas
{
    private const string Codes = "SUCCESS, or FAIL with the code in return_msg.";

    public static (string, IOpenApiSchema) MerchantId() =>
        ("busi_id", Schemas.Text("Your merchant id, from POST /admin/merchants.", FufuOrders.IdLengthMax));

    public static (string, IOpenApiSchema)[] OrderFields(int orderNumberLengthMax) =>
    [
        MerchantId(),
        ("out_trade_no", Schemas.Text("Your order number, unique per merchant: the same request again answers the same order, other content under it SERIAL_REPEAT.", orderNumberLengthMax)),
        ("pay_subject", Schemas.Text("What is paid for.", MerchantOrderRequest.SubjectLengthMax)),
        ("total_fee", Schemas.TolerantInteger("The amount in hundredths of fee_type (fen for CNY), positive; otherwise AMT_ERROR.")),
        ("fee_type", Schemas.Text("The currency: CNY (default) or one with a configured exchange rate (HKD, THB, USD by default).", 10)),
        ("channel_type", Schemas.TolerantInteger("0 decide automatically (default), 1 Alipay, 2 WeChat; anything else ILLEGAL_PARAMETER.")),
        ("operator_id", Schemas.Text("Operator, echoed back.", FufuOrders.IdLengthMax)),
        ("terminal_id", Schemas.Text("Device, echoed back.", FufuOrders.IdLengthMax)),
        ("store_id", Schemas.Text("Store, kept with the order.", FufuOrders.IdLengthMax)),
        ("merchant_param", Schemas.Text("Your own value (base64 in the seed), echoed back.", FufuOrders.MerchantParamLengthMax)),
        ("time_zone", Schemas.Text("An IANA zone or an offset like +08:00; times are written in it. Asia/Shanghai by default.", FufuOrders.TimeZoneLengthMax)),
    ];

    /// <summary>trade_no or out_trade_no names an existing order; trade_no wins when both are sent, as the seed says.</summary>
    public static (string, IOpenApiSchema)[] OrderLookupFields() =>
    [
        MerchantId(),
        ("trade_no", Schemas.Text("PaySim's order number (preferred).", FufuOrders.IdLengthMax)),
        ("out_trade_no", Schemas.Text("Your order number, when trade_no is not sent.", MerchantOrderRequest.OrderNumberLengthMax)),
        ("operator_id", Schemas.Text("Operator.", FufuOrders.IdLengthMax)),
        ("terminal_id", Schemas.Text("Device.", FufuOrders.IdLengthMax)),
        ("time_zone", Schemas.Text("Accepted and ignored: the order's own time zone is used.", FufuOrders.TimeZoneLengthMax)),
    ];

    /// <summary>The envelope's <c>result</c>: whether the request itself was accepted (signature, merchant, JSON).</summary>
    public static OpenApiSchemaReference Result(OpenApiDocument document) => document.Component("FufuResult", Schemas.Object(
        "Whether the request itself was accepted. FAIL (no data part): ILLEGAL_PARAMETER (body not a JSON object with busi_id, not UTF-8, over 64 KiB; a field sent twice or as an object, array or boolean; whitespace inside an order, refund or payer number, an amount, a currency, a channel, a zone or a URL, which the signature does not cover), INVALID_SIGN (sign wrong, missing, more than 5 minutes off, or replayed) or UNREGISTERED_BUSI.",
        ["return_code", "return_msg"],
        ("return_code", Schemas.OneOf("SUCCESS or FAIL.", "SUCCESS", "FAIL")),
        ("return_msg", Schemas.Text("OK, or the code of the refusal.")),
        ("reason", Schemas.Text("PaySim's explanation, in words, with every FAIL."))));

    /// <summary>An envelope whose data part is <paramref name="data"/>.</summary>
    public static OpenApiSchema Envelope(OpenApiSchemaReference result, IOpenApiSchema data, string description) =>
        Schemas.Object(description, ["result"], ("result", result), ("data", data));

    public static OpenApiSchema OrderData() => Schemas.Object(
        "The business outcome and the order as it is now (fields absent or null when not known yet).",
        ["return_code", "return_msg"],
        [.. Outcome(), .. OrderRecord()]);

    public static OpenApiSchema PreOrderData() => Schemas.Object(
        "The order created: qr_code for QRCODE, prePayId for JSAPI on channels 0 and 1, payInfo for JSAPI on channel 2.",
        ["return_code", "return_msg"],
        [.. Outcome(),
         ("out_trade_no", Schemas.Text("Your order number.")),
         ("trade_no", Schemas.Text("PaySim's order number: yyyyMMdd (Beijing) and 12 digits.")),
         ("qr_code", Schemas.Text("QRCODE: PaySim's cashier page for the order, {base}/online/pay/?id={busi_id}&tradeNo={trade_no}&price={yuan}, to show as a QR code.")),
         ("prePayId", Schemas.Text("JSAPI on channel 0 or 1: the trade_no.")),
         ("payInfo", Schemas.Text("JSAPI on channel 2: WeChat's JS bridge parameters as a JSON string (appId, timeStamp, nonceStr, package prepay_id={trade_no}, signType MD5, paySign, callback_url the cashier page).")),
         ("time_zone", Schemas.NullableText("The order's time zone, as sent."))]);

    public static OpenApiSchema RefundData() => Schemas.Object(
        "The business outcome, the order and the refund. refundQuery leaves out refund_fee, refund_amount_cny, refund_subject, "
        + "gmt_refund_time, operator_id, terminal_id and time_zone unless trade_status is succ (seed 001 §2.8.2).",
        ["return_code", "return_msg"],
        [.. Outcome(),
         ("out_trade_no", Schemas.NullableText("refund: your order number; refundQuery: the refund number.")),
         ("trade_no", Schemas.Text("PaySim's order number.")),
         ("fee_type", Schemas.Text("The order's currency.")),
         ("channel_type", Schemas.Integer("The order's channel.")),
         ("time_zone", Schemas.NullableText("The order's time zone.")),
         ("exchange_rate", new OpenApiSchema { Type = JsonSchemaType.Number, Description = "CNY per unit of fee_type (orders not in CNY)." }),
         ("out_refund_no", Schemas.Text("Your refund number.")),
         ("refund_no", Schemas.Text("PaySim's refund number.")),
         ("trade_status", Schemas.OneOf("succ, fail or refunding.", MerchantResultCodes.RefundSucceeded, MerchantResultCodes.RefundFailed, MerchantResultCodes.Refunding)),
         ("refund_fee", Schemas.Integer("The refund in hundredths of fee_type.")),
         ("refund_amount_cny", Schemas.Integer("The refund in fen.")),
         ("refund_subject", Schemas.NullableText("The reason you gave.")),
         ("operator_id", Schemas.NullableText("As sent.")),
         ("terminal_id", Schemas.NullableText("As sent.")),
         ("begin_time", Schemas.NullableText("When the refund was asked for, yyyyMMddHHmmss in the order's time zone.")),
         ("end_time", Schemas.NullableText("When it completed.")),
         ("gmt_refund_time", Schemas.NullableText("When it completed."))]);

    private static (string, IOpenApiSchema)[] Outcome() =>
    [
        ("return_code", Schemas.OneOf(Codes, MerchantResultCodes.Success, MerchantResultCodes.Fail)),
        ("return_msg", Schemas.Text("OK, or the failure's code: AMT_ERROR, ILLEGAL_PARAMETER, CHARGE_NONEXISTENT, SERIAL_REPEAT, ORDER_PAID, ORDER_CLOSED, AREADY_REVOKED, ORDER_EXPIRED, CANCEL_NOT_ALLOWED, ORDER_NOT_PAID, AUTH_CODE_INVALID, PAYER_NONEXISTENT, PASSWORD_ERROR, PAYER_FROZEN, INSUFFICIENT_FUNDS, INVALID_CONTRACT, PAYER_BALANCE_OVERFLOW, PAYER_IS_MERCHANT (docs/merchant-apis.md).")),
        ("reason", Schemas.Text("PaySim's explanation, in words, with every FAIL.")),
    ];

    private static (string, IOpenApiSchema)[] OrderRecord() =>
    [
        ("busi_id", Schemas.Text("Your merchant id.")),
        ("channel_type", Schemas.Integer("The channel: 0, 1 or 2.")),
        ("out_trade_no", Schemas.Text("Your order number.")),
        ("trade_no", Schemas.Text("PaySim's order number.")),
        ("channel_trade_no", Schemas.NullableText("PS + trade_no once paid.")),
        ("phone_code", Schemas.NullableText("trade_no once paid.")),
        ("auth_code", Schemas.NullableText("The payer code that paid (bar-code orders).")),
        ("merchant_param", Schemas.NullableText("As sent.")),
        ("operator_id", Schemas.NullableText("As sent.")),
        ("terminal_id", Schemas.NullableText("As sent.")),
        ("begin_time", Schemas.NullableText("Created, yyyyMMddHHmmss in the order's time zone.")),
        ("end_time", Schemas.NullableText("Paid, cancelled, closed or expired.")),
        ("total_fee", Schemas.Integer("The amount in hundredths of fee_type.")),
        ("fee_type", Schemas.Text("The currency.")),
        ("refund_fee", Schemas.Integer("Refunded so far, in hundredths of fee_type.")),
        ("state", new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [0, 1, 2, 4, 5, 6], Description = "0 待付款, 1 已付款, 2 已撤单 (cancelled or expired), 4 部分退款, 5 已退款, 6 交易关闭." }),
        ("credit", Schemas.NullableText("balance once paid: PaySim pays from account balances.")),
        ("time_zone", Schemas.NullableText("The order's time zone, as sent.")),
        ("exchange_rate", new OpenApiSchema { Type = JsonSchemaType.Number, Description = "CNY per unit of fee_type (orders not in CNY)." }),
        ("trans_amount_cny", Schemas.Integer("The amount in fen (orders not in CNY).")),
    ];
}
