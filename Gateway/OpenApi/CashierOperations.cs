using Microsoft.OpenApi;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// The cashier page under <c>/online/pay/</c> (Gateway/Apis/CashierApi.cs): HTML for browsers. The examples pay the
/// QR code order of seed 001's preOrder example (its trade_no stands for yours) with 账户1.
/// </summary>
internal static class CashierOperations
{
    private const string TradeNumber = "20261205851196817352";

    public static void Describe(OpenApiDocument document)
    {
        var tradeNo = Schemas.Text("PaySim's order number (seed 001 trade_no, seed 002 payid).", 32);
        document.Describe("/online/pay", HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "cashier-show",
            Summary = "Show an order's cashier page",
            Description = "The page seed 001's qr_code points at (`/online/pay/?id=…&tradeNo=…&price=…`; id and price are ignored): the merchant, amount and state, a form to pay with a PaySim username and password, and one to get a payer code.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.CashierTag),
            Parameters =
            [
                Operations.Query("tradeNo", "The order to show.", tradeNo, TradeNumber),
                Operations.Query("id", "The merchant id (ignored).", Schemas.Text("Merchant id."), "10000000000001", required: false),
                Operations.Query("price", "The amount in yuan (ignored).", Schemas.Text("Yuan."), "1.00", required: false),
            ],
            Responses = Operations.Responses((200, Operations.Page("The cashier page.")), (404, Operations.Page("No order has this tradeNo."))),
        });
        document.Describe("/online/pay/confirm", HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "cashier-pay",
            Summary = "Pay an order with a PaySim account",
            Description = "The cashier page's form: pays the order from the account after checking its password, and shows the page again with the outcome (支付成功, or why not).",
            Tags = Operations.Tag(document, DocumentInfoTransformer.CashierTag),
            RequestBody = Operations.Body(Operations.Form, "The order and the payer.", document.Component("CashierPayForm", Schemas.Object(
                "The payer's credentials for one order.", ["tradeNo", "username", "password"],
                ("tradeNo", tradeNo), ("username", Schemas.Text("The payer's username.", 128)), ("password", Schemas.Text("The payer's password.", 128)))),
                new Example("pay", "账户1 pays the QR code order", $$"""{"tradeNo":"{{TradeNumber}}","username":"账户1","password":"123456"}""")),
            Responses = Operations.Responses((200, Operations.Page("The cashier page with the outcome.")), (404, Operations.Page("No order has this tradeNo."))),
        });
        document.Describe("/online/pay/payer-code", HttpMethod.Post, new OpenApiOperation
        {
            OperationId = "cashier-payer-code",
            Summary = "Get a one-time payer code",
            Description = "After a password check, a page with an 18-digit payer code (valid 60 s, for one order) that a merchant scans as seed 001's auth_code.",
            Tags = Operations.Tag(document, DocumentInfoTransformer.CashierTag),
            RequestBody = Operations.Body(Operations.Form, "The payer.", document.Component("CashierPayerCodeForm", Schemas.Object(
                "The payer's credentials.", ["username", "password"],
                ("username", Schemas.Text("The payer's username.", 128)), ("password", Schemas.Text("The payer's password.", 128)))),
                new Example("code", "A payer code for 账户1", """{"username":"账户1","password":"123456"}""")),
            Responses = Operations.Responses(
                (200, Operations.Page("The payer code page.")),
                (400, Operations.Page("Missing username, no such account, wrong password or a frozen account.")),
                (503, Operations.Page("No code could be issued; try again."))),
        });
    }
}
