using System.Globalization;

namespace PaySim.Tests.Gateway.Cluster;

/// <summary>
/// The fault test's accounts, opened in one batch with the same balance: transfers and 充值/提现 among the pooled
/// ones, trades from two payers to one payee, bar-code orders from two payers to the merchant's settlement account.
/// Each group moves money only among itself, so every balance has one exact expectation.
/// </summary>
public sealed record FaultAccounts(string Prefix)
{
    public const int Count = 12;

    public const long OpeningFen = 10_000_000;

    public IReadOnlyList<string> Pooled => Range(1, 6);

    public IReadOnlyList<string> TradePayers => Range(7, 2);

    public string TradePayee => Name(9);

    public IReadOnlyList<string> CodePayers => Range(10, 2);

    public string Settlement => Name(12);

    public IReadOnlyList<string> All => Range(1, Count);

    private string Name(int number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    private string[] Range(int first, int count) => [.. Enumerable.Range(first, count).Select(Name)];
}

/// <summary>主动转账 with a requestId, and its first answer.</summary>
public sealed record TransferOperation(string RequestId, string Source, string Target, long AmountFen, GatewayAnswer Answer)
{
    public object Body() => new { method = "主动转账", source = Source, target = Target, sum = AmountFen, requestId = RequestId };
}

/// <summary>充值 or 提现 with a requestId, and its first answer.</summary>
public sealed record ExternalOperation(string RequestId, string Username, long AmountFen, bool IsDeposit, GatewayAnswer Answer)
{
    public string SuccessText => IsDeposit ? "充值成功" : "提现成功";

    public object Body() => new { method = IsDeposit ? "充值" : "提现", username = Username, sum = AmountFen, requestId = RequestId };
}

/// <summary>发起交易 and, when its creation was answered, 支付交易 by the payer; the tradeID is the operation's id.</summary>
public sealed record TradeOperation(string TradeId, string Payer, string Payee, long AmountFen, GatewayAnswer Creation, GatewayAnswer? Payment)
{
    public const int TimeLimitMinutes = 10;

    public object CreationBody() => new { method = "发起交易", target = Payee, source = Payer, tradeID = TradeId, sum = AmountFen, timeLimit = TimeLimitMinutes };

    public object PaymentBody(string password) => new { method = "支付交易", tradeID = TradeId, username = Payer, password };
}

/// <summary>A seed 001 bar-code order (被扫) paid with a payer code; out_trade_no is the operation's id.</summary>
public sealed record OrderOperation(string OrderNumber, string Payer, string PayerCode, long TotalFen, GatewayAnswer Answer)
{
    public bool IsAcknowledgedPaid => Answer.IsOutcome && IsPaid(Answer);

    public static bool IsPaid(GatewayAnswer answer) => answer["data.return_code"] == "SUCCESS" && answer["data.state"] == "1";

    public string Body(string merchantId) =>
        $$"""{"busi_id":"{{merchantId}}","out_trade_no":"{{OrderNumber}}","total_fee":"{{TotalFen}}","channel_type":"1","auth_code":"{{PayerCode}}","pay_subject":"故障测试","fee_type":"CNY"}""";

    public string QueryBody(string merchantId) => $$"""{"busi_id":"{{merchantId}}","out_trade_no":"{{OrderNumber}}"}""";
}

/// <summary>A seed 001 refund of part of a paid order; out_refund_no is the operation's id.</summary>
public sealed record RefundOperation(string OrderNumber, string RefundNumber, string Payer, long RefundFen, GatewayAnswer Answer)
{
    public static bool IsAccepted(GatewayAnswer answer) => answer["data.return_code"] == "SUCCESS";

    public string Body(string merchantId) =>
        $$"""{"busi_id":"{{merchantId}}","out_trade_no":"{{OrderNumber}}","out_refund_no":"{{RefundNumber}}","refund_fee":"{{RefundFen}}","refund_subject":"退款"}""";

    public string QueryBody(string merchantId) => $$"""{"busi_id":"{{merchantId}}","out_trade_no":"{{RefundNumber}}"}""";
}
