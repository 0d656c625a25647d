using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Merchant;

/// <summary>The cashier page's and the aggregator API's Chinese texts, in one place.</summary>
public static class CashierTexts
{
    public const string Title = "PaySim 收银台";
    public const string Username = "用户名";
    public const string Password = "密码";
    public const string Pay = "确认支付";
    public const string GetPayerCode = "获取付款码";
    public const string PayerCodeTitle = "付款码";
    public const string PayerCodeHint = "请向商户出示付款码,60 秒内有效,只能使用一次。";
    public const string ScanHint = "用手机扫码打开本页";
    public const string Paid = "支付成功";
    public const string Returning = "正在返回商户…";
    public const string ReturnNow = "返回商户";
    public const string OrderNotFound = "订单不存在";
    public const string BadRequest = "请求无效";
    public const string TryAgain = "系统繁忙,请稍后再试";
    public const string TooFrequent = "查询过于频繁";
    public const string RequestTimeSkewed = "请求时间与服务器时间相差超过10分钟";
    public const string InvalidKey = "校验秘钥错误";
    public const string UnknownMerchant = "商户不存在";

    /// <summary>What the payer reads for an order outcome.</summary>
    public static string Outcome(MerchantOrderResult result) => result switch
    {
        MerchantOrderResult.Ok => Paid,
        MerchantOrderResult.InvalidAmount => "金额错误",
        MerchantOrderResult.InvalidRequest => "请填写用户名和密码",
        MerchantOrderResult.NoSuchOrder => OrderNotFound,
        MerchantOrderResult.SerialRepeat => "订单号重复",
        MerchantOrderResult.AlreadyPaid => "订单已支付",
        MerchantOrderResult.NotPayable => "订单已关闭",
        MerchantOrderResult.Expired => "订单已过期",
        MerchantOrderResult.CancelNotAllowedNow => "暂不能撤单",
        MerchantOrderResult.NotPaid => "订单未支付",
        MerchantOrderResult.RefundExceedsPaid => "退款金额超过已付金额",
        MerchantOrderResult.InvalidPayerCode => "付款码无效",
        MerchantOrderResult.NoSuchPayer => "账户不存在",
        MerchantOrderResult.BadPassword => "密码错误",
        MerchantOrderResult.PayerFrozen => "账户已冻结",
        MerchantOrderResult.InsufficientFunds => "余额不足",
        MerchantOrderResult.MerchantAccountRefused => "商户收款账户不可用",
        MerchantOrderResult.PayerBalanceOverflow => "账户余额已达上限",
        MerchantOrderResult.PayerIsMerchant => "不能用商户自己的收款账户付款",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    /// <summary>What the payer reads for an order's state on the cashier page.</summary>
    public static string Status(MerchantOrderStatus status) => status switch
    {
        MerchantOrderStatus.Pending => "待付款",
        MerchantOrderStatus.Paid => "已付款",
        MerchantOrderStatus.Cancelled => "已撤单",
        MerchantOrderStatus.Expired => "订单已过期",
        MerchantOrderStatus.Closed => "交易关闭",
        MerchantOrderStatus.PartiallyRefunded => "部分退款",
        MerchantOrderStatus.Refunded => "已退款",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
