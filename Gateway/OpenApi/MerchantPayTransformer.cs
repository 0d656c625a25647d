using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Seed 001 (付付 open API) under <c>/gateway/pay/</c>. The examples are one walk for a merchant registered with
/// POST /admin/merchants: their busi_id and auth_code must be replaced by yours and a fresh payer code, and each
/// request signed anew (see the sign parameter); the rest is sent as shown.
/// </summary>
internal sealed class MerchantPayTransformer : IOpenApiDocumentTransformer
{
    public const string BasePath = "/gateway/pay";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var result = FufuSchemas.Result(document);
        var order = document.Component("FufuOrderReply", FufuSchemas.Envelope(result, document.Component("FufuOrderData", FufuSchemas.OrderData()), "An order operation's answer."));
        var preOrder = document.Component("FufuPreOrderReply", FufuSchemas.Envelope(result, document.Component("FufuPreOrderData", FufuSchemas.PreOrderData()), "preOrder's answer."));
        var refund = document.Component("FufuRefundReply", FufuSchemas.Envelope(result, document.Component("FufuRefundData", FufuSchemas.RefundData()), "A refund's answer."));

        Describe(document, "order", "被扫 (bar code, §2.1): create the order and pay it at once with the payer's one-time code",
            $"The payer shows a payer code (auth_code: POST /PaySim 获取付款码, or the cashier page); the order is valid {MerchantPayApi.BarCodeOrderValidFor.TotalSeconds:0} s. A payment that fails definitively closes the order (state 6), and the same request again answers the same failure.",
            Request(document, "FufuOrderRequest", "A bar-code order.", ["busi_id", "out_trade_no", "pay_subject", "total_fee", "auth_code"],
                [.. FufuSchemas.OrderFields(FufuOrders.IdLengthMax), ("auth_code", Schemas.Text("The payer code (18 digits starting 28).", FufuOrders.AuthCodeLengthMax))]),
            order, FufuExamples.Order);
        Describe(document, "preOrder", "主扫 (§2.2): create an order the payer pays on PaySim's cashier page",
            $"QRCODE answers qr_code, the cashier page to show as a QR code; JSAPI (the default) answers prePayId, or on channel 2 WeChat's payInfo. The order can be paid for time_expire minutes (1–{MerchantPayApi.TimeExpireMinutesMax}, default {MerchantPayApi.TimeExpireMinutesDefault}); with notifyUrl PaySim notifies you when it is paid.",
            Request(document, "FufuPreOrderRequest", "An order to pay on the cashier page.", ["busi_id", "out_trade_no", "pay_subject", "total_fee"],
                [.. FufuSchemas.OrderFields(MerchantOrderRequest.OrderNumberLengthMax),
                 ("trade_type", Schemas.OneOf("QRCODE or JSAPI (default); case-insensitive.", "QRCODE", "JSAPI", "qrcode", "jsapi")),
                 ("openId", Schemas.Text("The payer's Alipay or WeChat id: required for JSAPI.")),
                 ("subAppId", Schemas.Text("The WeChat app id: required for JSAPI on channel 2.")),
                 ("notifyUrl", Schemas.Text("Where PaySim posts the paid notification: an absolute http(s) URL to an allowed host (PaySim:Merchant:NotifyHostAllowList).", FufuOrders.UrlLengthMax)),
                 ("time_expire", Schemas.TolerantInteger($"Minutes the order can be paid, 1–{MerchantPayApi.TimeExpireMinutesMax}; {MerchantPayApi.TimeExpireMinutesDefault} when absent."))]),
            preOrder, FufuExamples.PreOrder);
        Describe(document, "query", "Query an order (§2.5)", "The order as it is now; an interrupted payment is finished first.",
            Request(document, "FufuOrderLookupRequest", "Names an existing order.", ["busi_id"], FufuSchemas.OrderLookupFields()),
            order, FufuExamples.Query);
        Describe(document, "refund", "Refund part or all of a paid order (§2.4)",
            "Refunds add up to at most total_fee (AMT_ERROR beyond); each is idempotent by out_refund_no (the same number with another amount is SERIAL_REPEAT).",
            Request(document, "FufuRefundRequest", "A refund.", ["busi_id", "out_refund_no", "refund_fee"],
                [.. FufuSchemas.OrderLookupFields(),
                 ("out_refund_no", Schemas.Text("Your refund number, unique per merchant.", RefundRequest.RefundNumberLengthMax)),
                 ("refund_fee", Schemas.TolerantInteger("The refund in hundredths of the order's currency, positive.")),
                 ("refund_subject", Schemas.Text("Why.", 100)),
                 ("fee_type", Schemas.Text("The order's currency, when sent (CHY reads as CNY).", 10))]),
            refund, FufuExamples.Refund);
        Describe(document, "refundQuery", "Query a refund (§2.8)", "The refund named by its refund number, which the seed sends as out_trade_no.",
            Request(document, "FufuRefundQueryRequest", "Names a refund.", ["busi_id", "out_trade_no"],
                [FufuSchemas.MerchantId(), ("out_trade_no", Schemas.Text("Your refund number (out_refund_no of the refund).", RefundRequest.RefundNumberLengthMax)),
                 ("operator_id", Schemas.Text("Operator.", FufuOrders.IdLengthMax)), ("terminal_id", Schemas.Text("Device.", FufuOrders.IdLengthMax)),
                 ("time_zone", Schemas.Text("Accepted and ignored.", FufuOrders.TimeZoneLengthMax))]),
            refund, FufuExamples.RefundQuery);
        Describe(document, "cancel", "Cancel an unpaid order (撤单, §2.6)",
            "Only unpaid orders, not within 15 s of creation (CANCEL_NOT_ALLOWED), only 1:00–23:00 Beijing time. Paid orders are refunded, not cancelled.",
            new OpenApiSchemaReference("FufuOrderLookupRequest", document), order, FufuExamples.Cancel);
        Describe(document, "close", "Close an unpaid order (§2.7)", "Closing a closed order is OK; a paid order answers ORDER_PAID.",
            new OpenApiSchemaReference("FufuOrderLookupRequest", document), order, FufuExamples.Close);
        return Task.CompletedTask;
    }

    private static OpenApiSchemaReference Request(OpenApiDocument document, string id, string description, string[] required, (string, IOpenApiSchema)[] fields) =>
        document.Component(id, Schemas.Object(description, required, fields));

    private static void Describe(OpenApiDocument document, string name, string summary, string description, IOpenApiSchema request, IOpenApiSchema reply,
        (Example[] Requests, Example[] Answers) examples) =>
        document.Describe($"{BasePath}/{name}", HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "fufu-" + name,
            Summary = summary,
            Description = description + " Every answer is HTTP 200: `result` says whether the request was accepted, `data` the business outcome.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.FufuTag),
            Parameters = [Sign()],
            RequestBody = Operations.Body(Operations.Json, "The JSON body, signed as it is sent (UTF-8, at most 64 KiB).", request, examples.Requests),
            Responses = Operations.Responses((200, Operations.Answer(Operations.Json, "Accepted (data holds the outcome) or refused (result FAIL, no data).", reply, examples.Answers))),
        });

    private static OpenApiParameter Sign() => Operations.Query("sign",
        $"`{{md5}}:{{timestamp}}`: md5 = lower-case hex MD5 of timestamp + your key + the body with every space, tab, CR and LF removed; timestamp = Unix milliseconds, within {FufuSignature.ClockSkewMax.TotalMinutes} minutes of PaySim's clock. Each signature is accepted once (replays are INVALID_SIGN). The example is the seed's and will not verify.",
        new OpenApiSchema { Type = JsonSchemaType.String, Pattern = $"^[0-9a-fA-F]{{{MerchantLimits.SignatureHexLength}}}:[0-9]+$" },
        "400073a70beecbab91780a9a4973c38f:1502675456531");
}
