using Microsoft.OpenApi;
using PaySim.Gateway.Apis;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// The answers of POST /PaySim (Gateway/Apis/PaySimReply.cs): a business outcome is 200 with the seed's result text
/// and, on failure, a machine-readable reason; the lookups answer their record; malformed requests answer 4xx.
/// </summary>
internal static class PaySimReplies
{
    private const string ReasonOnFailure = "Why it failed, beside the seed's …失败 text (absent on success).";

    /// <summary>The 200 answers, one shape per method; which one follows from the request's method.</summary>
    public static OpenApiSchema Success(OpenApiDocument document) => Schemas.AnyOf(
        "The answer of the request's method: a result text (with a reason when it failed), or the record a query reads.",
        document.Component("CreateAccountReply", ResultReply("创建账户's answer; openID is the new account's.",
            [ResultMessages.Text(SeedResult.AccountCreated), ResultMessages.Text(SeedResult.AccountCreationFailed)],
            ("openID", Schemas.Text("The new account's openID (on success).")))),
        document.Component("BindWeChatReply", ResultReply("绑定微信's answer.", [ResultMessages.Text(SeedResult.WeChatBound)])),
        document.Component("FreezeAccountReply", ResultReply("冻结账户's answer.", [ResultMessages.Text(SeedResult.AccountFrozen)])),
        document.Component("DepositReply", ResultReply("充值's answer.",
            [ResultMessages.Text(SeedResult.DepositSucceeded), ResultMessages.Text(SeedResult.DepositFailed)])),
        document.Component("WithdrawReply", ResultReply("提现's answer.",
            [ResultMessages.Text(SeedResult.WithdrawalSucceeded), ResultMessages.Text(SeedResult.WithdrawalFailed)])),
        document.Component("TransferReply", ResultReply("主动转账's answer.",
            [ResultMessages.Text(SeedResult.TransferSucceeded), ResultMessages.Text(SeedResult.TransferFailed)])),
        document.Component("CreateTradeReply", ResultReply("发起交易's answer.",
            [ResultMessages.Text(SeedResult.TradeCreated), ResultMessages.Text(SeedResult.TradeCreationFailed)],
            ("transactionID", Schemas.Text("27 digits: the creation time in UTC to the millisecond (yyyyMMddHHmmssfff) and 10 random digits (on success).")))),
        document.Component("PayTradeReply", ResultReply("支付交易's answer.",
            [ResultMessages.Text(SeedResult.PaymentSucceeded), ResultMessages.Text(SeedResult.PaymentFailed)])),
        document.Component("PayerCodeReply", ResultReply("获取付款码's answer.",
            [ResultMessages.Text(SeedResult.PayerCodeIssued), ResultMessages.Text(SeedResult.PayerCodeFailed)],
            ("payerCode", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^28[0-9]{16}$", Description = "18 digits starting 28, in a string so no client rounds it; seed 001's auth_code (on success)." }),
            ("expireTimestamp", UnixMilliseconds("When the code stops being accepted")))),
        document.Component("CreateAccountsReply", ResultReply("批量创建账户's answer.",
            [ResultMessages.Text(SeedResult.AccountCreated), ResultMessages.Text(SeedResult.AccountCreationFailed)],
            ("opened", Schemas.Integer("How many accounts the batch opened (on success).")),
            ("existing", Schemas.Integer("How many existed already and were left as they were (on success).")))),
        document.Component("AccountInfo", Schemas.Object("查询账户信息's answer.", ["openID", "accountState", "accountBalance", "checkTimestamp"],
            ("openID", Schemas.Text("The account's openID.")),
            ("accountState", Schemas.OneOf("The account's state.", "正常", "已冻结")),
            ("accountBalance", Schemas.Integer("The balance in fen.")),
            ("checkTimestamp", UnixMilliseconds("The time of the account's last change (opening, movement, freeze, openID binding)")))),
        document.Component("TradeInfo", Schemas.Object("查询交易's answer.", ["transactionID", "tradeID", "tradeState", "source", "target"],
            ("transactionID", Schemas.Text("The trade's serial number.")),
            ("tradeID", Schemas.Text("The merchant's order number.")),
            ("tradeState", Schemas.OneOf("待支付 (pending), 已支付 (paid) or 已超时 (past its time limit).", "待支付", "已支付", "已超时")),
            ("source", Schemas.Text("The payer.")),
            ("target", Schemas.Text("The merchant.")))),
        document.Component("ReconciliationReport", ReconciliationReport(document)));

    /// <summary>400, 401, 403, 404, 413, 429 and 503 all answer a reason, and a malformed request the field at fault.</summary>
    public static OpenApiSchemaReference Error(OpenApiDocument document) => document.Component("PaySimError", Schemas.Object(
        "A request the gateway did not carry out.", ["reason"],
        ("reason", Schemas.Text("What was wrong, in capitals (see the response's description).")),
        ("field", Schemas.Text("The request field at fault, for malformed requests."))));

    private static OpenApiSchema ResultReply(string description, string[] results, params (string Name, IOpenApiSchema Schema)[] fields) =>
        Schemas.Object(description, ["result"],
            [("result", Schemas.OneOf("The seed's result text.", results)), ("reason", Schemas.Text(ReasonOnFailure)), .. fields]);

    private static OpenApiSchema UnixMilliseconds(string what) => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^[0-9]+$",
        Description = what + ", as Unix time in milliseconds, in a string (the seed's type).",
    };

    private static OpenApiSchema ReconciliationReport(OpenApiDocument document)
    {
        // Totals sum all history and can pass 2^63 − 1: exact JSON integers up to 2^127 − 1, hence no int64 format.
        static OpenApiSchema Total(string description) => new() { Type = JsonSchemaType.Integer, Description = description + " (fen; may exceed 64 bits)." };
        var inFlight = document.Component("InFlightReference", Schemas.Object(
            "A movement whose debit was applied and whose credit or reversal was not yet, owned by an unfinished orchestrator.",
            ["reference", "amountFen", "owner", "startedAt", "operationId"],
            ("reference", Schemas.Text("The ledger reference its lines carry.")),
            ("amountFen", Schemas.Integer("The debited amount in fen.")),
            ("owner", Schemas.Text("The orchestrating grain, e.g. transfer/t-42.")),
            ("startedAt", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the movement started." }),
            ("operationId", Schemas.Text("The movement's id; its ledger lines' ids add :out, :in or :reversal."))));
        return Schemas.Object("对账's answer: ok is true exactly when there are no differences.",
            ["ok", "accountCount", "totalBalanceFen", "depositedFen", "withdrawnFen", "inFlightFen", "differenceCount", "differences", "inFlightCount", "inFlight", "lostFen"],
            ("ok", Schemas.Boolean("True when the books agree.")),
            ("accountCount", Schemas.Integer("Accounts read.")),
            ("totalBalanceFen", Total("Every balance summed")),
            ("depositedFen", Total("Every deposit and opening balance summed")),
            ("withdrawnFen", Total("Every withdrawal summed")),
            ("inFlightFen", Total("Debits of movements still in flight")),
            ("differenceCount", Schemas.Integer("How many differences were found.")),
            ("differences", Schemas.ArrayOf(Schemas.Text("One difference, in words."), "The differences found (empty when ok).")),
            ("inFlightCount", Schemas.Integer("How many movements are in flight.")),
            ("inFlight", Schemas.ArrayOf(inFlight, "The movements in flight.")),
            ("lostFen", Total("Debits no credit matches and no young enough orchestrator owns")));
    }
}
