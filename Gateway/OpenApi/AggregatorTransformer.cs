using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Merchant;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Seed 002 (aggregator API): the browser form post that shows the cashier page and the two signed JSON queries.
/// Keys are MD5 over "name=value&amp;…&amp;token=" + your token (lower-case hex, values not URL-encoded, empty fields
/// still named). The examples' uid 10000000000001 and key stand for yours; the rest is sent as shown.
/// </summary>
internal sealed class AggregatorTransformer : IOpenApiDocumentTransformer
{
    private const string Uid = "10000000000001";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var orderStatus = document.Component("AggregatorOrderStatus", Schemas.Object(
            "The order's status; every field is a string.", ["msg", "orderid", "payid", "paymoney", "realpay", "status"],
            ("msg", Schemas.Text("Empty, or what went wrong (unknown merchant, wrong key, rate limited, no such order).")),
            ("orderid", Schemas.Text("Your order id, as sent.")),
            ("payid", Schemas.Text("PaySim's order number (empty when unknown).")),
            ("paymoney", Schemas.Text("The amount in yuan (empty when unknown).")),
            ("realpay", Schemas.Text("The amount paid in yuan; empty when not paid.")),
            ("status", Schemas.OneOf("-2 query failed, -1 waiting, 0 paid (also after refunds), 1 any unpaid end (expired, closed).", "-2", "-1", "0", "1"))));
        var balance = document.Component("AggregatorBalance", Schemas.Object(
            "The settlement account's balance; every field is a string.", ["balance", "msg", "reqtime", "status", "uid"],
            ("balance", Schemas.Text("The balance in yuan (empty on failure).")),
            ("msg", Schemas.Text("Empty, or what went wrong (bad request, wrong key, reqtime too far off, rate limited).")),
            ("reqtime", Schemas.Text("reqtime, as sent.")),
            ("status", Schemas.OneOf("0 normal, 1 failed (see msg).", "0", "1")),
            ("uid", Schemas.Text("uid, as sent."))));

        document.Describe("/pay.action", HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "aggregator-pay",
            Summary = "Create an order and show the cashier page (seed 002 §1.1)",
            Description = $"A browser form post (field names are case-insensitive). The order can be paid for {new MerchantGatewayOptions().AggregatorOrderValidFor.TotalMinutes:0} minutes (PaySim:Merchant:AggregatorOrderValidFor); once paid, PaySim posts payid, orderid, orderuid, paymoney, realpay and key to notifyurl and the page goes to returnurl.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AggregatorTag),
            RequestBody = Operations.Body(Operations.Form, "The order, keyed.", document.Component("AggregatorPayForm", Schemas.Object(
                "Lengths are in UTF-8 bytes, as the seed counts them.", ["uid", "orderid", "paymoney", "paytype", "notifyurl", "returnurl", "key"],
                ("uid", Schemas.Text("Your merchant id (uid = busi_id).", FufuOrders.IdLengthMax)),
                ("orderid", Schemas.Text($"Your order id, unique per merchant (≤ {AggregatorForm.OrderIdBytesMax} bytes).")),
                ("ordername", Schemas.Text($"The order's name (≤ {AggregatorForm.OrderNameBytesMax} bytes).")),
                ("paymoney", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+(\\.[0-9]{1,2})?$", Description = "The amount in yuan, positive, at most two decimals." }),
                ("orderuid", Schemas.Text($"Your customer's id, echoed in the notification (≤ {AggregatorForm.OrderUidBytesMax} bytes).")),
                ("paytype", Schemas.Text("Payment type (the seed's 11); required, not restricted.")),
                ("notifyurl", Schemas.Text($"Where PaySim posts the paid notification: absolute http(s), an allowed host (≤ {AggregatorForm.UrlBytesMax} bytes).")),
                ("returnurl", Schemas.Text($"Where the browser goes after paying: absolute http(s) (≤ {AggregatorForm.UrlBytesMax} bytes).")),
                ("orderinfo", Schemas.Text($"A remark (≤ {AggregatorForm.OrderInfoBytesMax} bytes).")),
                ("key", Schemas.Text("md5(\"uid=…&orderid=…&ordername=…&paymoney=…&orderuid=…&paytype=…&notifyurl=…&returnurl=…&orderinfo=…&token=\" + token).")))),
                new Example("order", "A 1.01 yuan order", $$"""{"uid":"{{Uid}}","orderid":"A-0001","ordername":"测试商品","paymoney":"1.01","orderuid":"user-42","paytype":"11","notifyurl":"http://merchant.example/notify","returnurl":"http://merchant.example/return","orderinfo":"","key":"0d3b7f4a9c2e41f6b8a5d7c3e1f09a6b"}""")),
            Responses = Operations.Responses(
                (200, Operations.Page("The cashier page of the order.")),
                (400, Operations.Page("The error page: a field missing or too long, a bad amount or URL, an unknown merchant or a wrong key."))),
        });
        document.Describe("/requstOrderStatus.action", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "aggregator-order-status",
            Summary = "Query an order (seed 002 §1.4)",
            Description = "At most once a minute per order and gateway node, counted after the key checks out. The seed's spelling (requst) is kept.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AggregatorTag),
            Parameters =
            [
                Operations.Query("orderid", "Your order id.", Schemas.Text("Order id.", AggregatorForm.OrderIdBytesMax), "A-0001"),
                Operations.Query("uid", "Your merchant id.", Schemas.Text("Merchant id.", FufuOrders.IdLengthMax), Uid),
                Operations.Query("key", "md5(\"orderid=…&uid=…&token=\" + token).", Schemas.Text("Key."), "5f1e0c2b8d7a4e3f9b6c1d0a2e4f8b7c"),
            ],
            Responses = Operations.Responses((200, Operations.Answer(Operations.Json, "The status (also for failures: status -2 and msg).", orderStatus,
                new Example("waiting", "Not paid yet", $$"""{"msg":"","orderid":"A-0001","payid":"20261205436600716787","paymoney":"1.01","realpay":"","status":"-1"}""")))),
        });
        document.Describe("/requstBalance.action", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "aggregator-balance",
            Summary = "Query the merchant's balance (seed 002 §1.5)",
            Description = $"The settlement account's balance. At most once in three minutes per merchant and gateway node; reqtime within {AggregatorApi.RequestTimeSkewMax.TotalMinutes} minutes of Beijing time.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.AggregatorTag),
            Parameters =
            [
                Operations.Query("uid", "Your merchant id.", Schemas.Text("Merchant id.", FufuOrders.IdLengthMax), Uid),
                Operations.Query("reqtime", $"Now in Beijing time, {AggregatorApi.RequestTimeFormat}.", Schemas.Text("Request time."), "2026-12-05 12:35:06"),
                Operations.Query("key", "md5(\"uid=…&reqtime=…&token=\" + token).", Schemas.Text("Key."), "c9b922d7dde2c8ad614b998f8d183e84"),
            ],
            Responses = Operations.Responses((200, Operations.Answer(Operations.Json, "The balance (also for failures: status 1 and msg).", balance,
                new Example("balance", "The balance", $$"""{"balance":"0.00","msg":"","reqtime":"2026-12-05 12:35:06","status":"0","uid":"{{Uid}}"}""")))),
        });
        CashierOperations.Describe(document);
        return Task.CompletedTask;
    }
}
