using Microsoft.OpenApi;
using PaySim.Gateway.Apis;
using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Every method of POST /PaySim with its fields as the handlers read them (Gateway/Apis/*Handlers.cs). The examples
/// form one walk through a new store, in this order: open 账户3, move money between 账户1 and 账户2, create and pay a
/// trade, get a payer code, open a batch, reconcile, and last freeze 账户3.
/// </summary>
internal static class PaySimMethodTable
{
    public static IReadOnlyList<PaySimMethod> All { get; } =
    [
        new(SeedMethods.CreateAccount, "CreateAccountRequest",
            "创建账户: opens an account. Fails with 创建失败 and ACCOUNT_EXISTS or INVALID_AMOUNT.",
            AdminOnly: true, ["username", "password"],
            [Username(), Password(), ("initBalance", Amount("The opening balance in fen; 0 when absent."))],
            new("创建账户", "Open 账户3", """{"method":"创建账户","username":"账户3","password":"123456","initBalance":0}"""),
            new("创建账户", "Opened; openID is the new account's", """{"result":"创建成功","openID":"odenpgJUZ-1E9PqeZLkkYicMj_Gm"}""")),
        new(SeedMethods.BindWeChat, "BindWeChatRequest",
            "绑定微信 (deprecated in the seed): binds a WeChat openID; binding the same one again answers the same. 404 NO_SUCH_ACCOUNT.",
            AdminOnly: false, ["username", "openID"],
            [Username(), ("openID", Schemas.Text("The WeChat openID.", Fields.OpenIdLengthMax))],
            new("绑定微信", "Bind an openID to 账户3", """{"method":"绑定微信","username":"账户3","openID":"oWeChat00000000000000000003"}"""),
            new("绑定微信", "Bound", """{"result":"绑定成功"}""")),
        new(SeedMethods.Deposit, "DepositRequest",
            "充值: adds sum to the balance. Fails with 充值失败 and INVALID_AMOUNT, NO_SUCH_ACCOUNT, REQUEST_ID_CONFLICT, ACCOUNT_FROZEN or BALANCE_OVERFLOW.",
            AdminOnly: false, ["username", "sum"],
            [Username(), Sum(), RequestId()],
            new("充值", "Deposit 100 fen into 账户1, once", """{"method":"充值","username":"账户1","sum":100,"requestId":"deposit-0001"}"""),
            new("充值", "Deposited", """{"result":"充值成功"}""")),
        new(SeedMethods.Withdraw, "WithdrawRequest",
            "提现: takes sum from the balance. Fails with 提现失败 and INVALID_AMOUNT, NO_SUCH_ACCOUNT, REQUEST_ID_CONFLICT, BAD_PASSWORD, ACCOUNT_FROZEN or INSUFFICIENT_FUNDS.",
            AdminOnly: false, ["username", "sum"],
            [Username(), Sum(), RequestId(), OptionalPassword()],
            new("提现", "Withdraw 100 fen from 账户1 (sum as a string, as the seed types it)", """{"method":"提现","username":"账户1","sum":"100","password":"123456","requestId":"withdrawal-0001"}"""),
            new("提现", "Withdrawn", """{"result":"提现成功"}""")),
        new(SeedMethods.QueryAccount, "QueryAccountRequest",
            "查询账户信息: the account's openID, state, balance in fen and time of its last change. 404 NO_SUCH_ACCOUNT.",
            AdminOnly: false, ["username"],
            [Username()],
            new("查询账户信息", "Read 账户1", """{"method":"查询账户信息","username":"账户1"}"""),
            new("查询账户信息", "账户1", """{"openID":"o6z7aM3qyRkrFlpPwBoceXdfmIl_","accountState":"正常","accountBalance":100000000,"checkTimestamp":"1796415963687"}""")),
        new(SeedMethods.Transfer, "TransferRequest",
            "主动转账: moves sum from source to target. Fails with 转账失败 and INVALID_AMOUNT, SAME_ACCOUNT, REQUEST_ID_CONFLICT, NO_SUCH_ACCOUNT, BAD_PASSWORD, ACCOUNT_FROZEN, INSUFFICIENT_FUNDS or BALANCE_OVERFLOW.",
            AdminOnly: false, ["source", "target", "sum"],
            [("source", Schemas.Text("The paying account's username.", Fields.UsernameLengthMax)),
             ("target", Schemas.Text("The receiving account's username.", Fields.UsernameLengthMax)),
             Sum(), OptionalPassword("The source's password"), RequestId()],
            new("主动转账", "Transfer 100 fen from 账户1 to 账户2, once", """{"method":"主动转账","source":"账户1","target":"账户2","sum":100,"password":"123456","requestId":"transfer-0001"}"""),
            new("主动转账", "Transferred", """{"result":"转账成功"}""")),
        new(SeedMethods.CreateTrade, "CreateTradeRequest",
            "发起交易: a merchant (target) asks a payer (source) to pay sum within timeLimit minutes. Fails with 交易创建失败 and INVALID_AMOUNT, INVALID_TIME_LIMIT, SAME_ACCOUNT, TRADE_ID_TAKEN, NO_SUCH_ACCOUNT or ACCOUNT_FROZEN.",
            AdminOnly: false, ["target", "source", "tradeID", "sum", "timeLimit"],
            [("target", Schemas.Text("The merchant's username, who is paid.", Fields.UsernameLengthMax)),
             ("source", Schemas.Text("The payer's username.", Fields.UsernameLengthMax)),
             TradeId("The merchant's order number, unique system-wide."), Sum(),
             ("timeLimit", Schemas.TolerantInteger($"Minutes the payer has to pay, 1 to {TradeLimits.TimeLimitMinutesMax}; others fail with INVALID_TIME_LIMIT."))],
            new("发起交易", "账户2 asks 账户1 for 250 fen within 30 minutes", """{"method":"发起交易","target":"账户2","source":"账户1","tradeID":"T-0001","sum":250,"timeLimit":30}"""),
            new("发起交易", "Created; transactionID is 27 digits", """{"result":"交易创建成功","transactionID":"202612042027226256087571057"}""")),
        new(SeedMethods.PayTrade, "PayTradeRequest",
            "支付交易: the payer pays a trade with their password. Fails with 支付失败 and NO_SUCH_TRADE, NOT_TRADE_SOURCE, ALREADY_PAID, TRADE_EXPIRED, BAD_PASSWORD, NO_SUCH_ACCOUNT, ACCOUNT_FROZEN, INSUFFICIENT_FUNDS or BALANCE_OVERFLOW. Tried once: after a 503 ask 查询交易.",
            AdminOnly: false, ["tradeID", "username", "password"],
            [TradeId("The trade to pay."), Username("The payer's username (the trade's source)."), Password("The payer's password.")],
            new("支付交易", "账户1 pays T-0001", """{"method":"支付交易","tradeID":"T-0001","username":"账户1","password":"123456"}"""),
            new("支付交易", "Paid", """{"result":"支付成功"}""")),
        new(SeedMethods.QueryTrade, "QueryTradeRequest",
            "查询交易: the trade's state; finishes an interrupted payment first. 404 NO_SUCH_TRADE.",
            AdminOnly: false, ["tradeID"],
            [TradeId("The trade to read.")],
            new("查询交易", "Read T-0001", """{"method":"查询交易","tradeID":"T-0001"}"""),
            new("查询交易", "T-0001, paid", """{"transactionID":"202612042027226256087571057","tradeID":"T-0001","tradeState":"已支付","source":"账户1","target":"账户2"}""")),
        new(SeedMethods.GetPayerCode, "GetPayerCodeRequest",
            "获取付款码 (not in seed 000): a one-time payer code for a merchant's bar-code payment (seed 001 auth_code), valid 60 seconds and for one order. Fails with 获取失败 and BAD_PASSWORD, NO_SUCH_ACCOUNT, ACCOUNT_FROZEN or PAYER_CODE_UNAVAILABLE.",
            AdminOnly: false, ["username", "password"],
            [Username("The payer's username."), Password("The payer's password.")],
            new("获取付款码", "A payer code for 账户1", """{"method":"获取付款码","username":"账户1","password":"123456"}"""),
            new("获取付款码", "Issued", """{"result":"获取成功","payerCode":"284435124277918865","expireTimestamp":"1796416102566"}""")),
        new(SeedMethods.CreateAccounts, "CreateAccountsRequest",
            $"批量创建账户 (not in seed 000): opens count accounts {{prefix}}{{first}} … {{prefix}}{{first + count − 1}} with one password; existing ones are left as they are and counted apart. Fails with 创建失败 and INVALID_BATCH (count out of 1–{AccountBatchRequest.CountMax}, a username over {Fields.UsernameLengthMax} characters) or INVALID_AMOUNT.",
            AdminOnly: true, ["prefix", "count", "password"],
            [("prefix", Schemas.Text("The usernames' common beginning.", Fields.UsernameLengthMax)),
             ("count", Schemas.TolerantInteger($"How many accounts, 1 to {AccountBatchRequest.CountMax}.")),
             Password("Every account's password."),
             ("first", Schemas.TolerantInteger("The first number, 0 or more; 1 when absent.")),
             ("initBalance", Amount("Every account's opening balance in fen; 0 when absent."))],
            new("批量创建账户", "Open load-1, load-2 and load-3 with 1000 fen each", """{"method":"批量创建账户","prefix":"load-","count":3,"password":"123456","initBalance":1000}"""),
            new("批量创建账户", "Opened", """{"result":"创建成功","opened":3,"existing":0}""")),
        new(SeedMethods.Reconcile, "ReconcileRequest",
            "对账 (not in seed 000): checks every balance against its ledger and all money against deposits and withdrawals, from one snapshot of the store.",
            AdminOnly: true, [],
            [],
            new("对账", "Check the books", """{"method":"对账"}"""),
            new("对账", "The books agree", """{"ok":true,"accountCount":6,"totalBalanceFen":100003000,"depositedFen":100003100,"withdrawnFen":100,"inFlightFen":0,"differenceCount":0,"differences":[],"inFlightCount":0,"inFlight":[],"lostFen":0}""")),
        new(SeedMethods.FreezeAccount, "FreezeAccountRequest",
            "冻结账户: freezes the account: it can neither pay nor receive. Freezing a frozen account answers 已冻结 again. 404 NO_SUCH_ACCOUNT.",
            AdminOnly: true, ["username"],
            [Username()],
            new("冻结账户", "Freeze 账户3", """{"method":"冻结账户","username":"账户3"}"""),
            new("冻结账户", "Frozen", """{"result":"已冻结"}""")),
    ];

    private static (string, IOpenApiSchema) Username(string description = "The account's username.") =>
        ("username", Schemas.Text(description, Fields.UsernameLengthMax));

    private static (string, IOpenApiSchema) Password(string description = "The account's password.") =>
        ("password", Schemas.Text(description, Fields.PasswordLengthMax));

    private static (string, IOpenApiSchema) OptionalPassword(string whose = "The account's password") =>
        ("password", Schemas.Text(whose + ": checked when sent (the seed's tables carry none).", Fields.PasswordLengthMax));

    private static (string, IOpenApiSchema) Sum() =>
        ("sum", Amount($"The amount in fen, 1 to {MoneyLimits.AmountFenMax}; others fail with INVALID_AMOUNT."));

    private static (string, IOpenApiSchema) TradeId(string description) => ("tradeID", Schemas.Text(description, Fields.TradeIdLengthMax));

    private static (string, IOpenApiSchema) RequestId() => ("requestId", Schemas.Text(
        "Optional: a retry with the same id is applied once and answers as the first; the same id with another request answers REQUEST_ID_CONFLICT.",
        Fields.RequestIdLengthMax));

    /// <summary>
    /// Bounds are told, not constrained: an amount out of range is a well-formed request that fails as a business
    /// outcome (200, …失败, INVALID_AMOUNT), and the schema says what the gateway parses.
    /// </summary>
    private static OpenApiSchema Amount(string description) => Schemas.TolerantInteger(description);
}
