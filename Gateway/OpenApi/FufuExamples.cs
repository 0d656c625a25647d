namespace PaySim.Gateway.OpenApi;

/// <summary>
/// Seed 001 requests and the answers they got from a new store, in walk order: a bar-code order paid with 账户1's
/// payer code, queried and partly refunded; three preOrders, the second cancelled 15 s later, the third closed.
/// busi_id 10000000000001 stands for yours.
/// </summary>
internal static class FufuExamples
{
    /// <summary>An accepted request's envelope around <paramref name="data"/>, as the gateway writes it.</summary>
    private static string Envelope(string data) => """{"result":{"return_msg":"OK","return_code":"SUCCESS"},"data":""" + data + "}";

    public static (Example[], Example[]) Order { get; } = Pair("bar-code", "Pay 2.50 yuan with 账户1's payer code",
        """{"busi_id":"10000000000001","operator_id":"test1","terminal_id":"收银机1","total_fee":"250","channel_type":"1","auth_code":"284085021561021942","pay_subject":"测试商品","out_trade_no":"ORDER-0001","fee_type":"CNY"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","busi_id":"10000000000001","channel_type":1,"out_trade_no":"ORDER-0001","trade_no":"20261205823307332906","channel_trade_no":"PS20261205823307332906","phone_code":"20261205823307332906","auth_code":"284085021561021942","merchant_param":null,"operator_id":"test1","terminal_id":"收银机1","begin_time":"20261205043055","end_time":"20261205043055","total_fee":250,"fee_type":"CNY","refund_fee":0,"state":1,"credit":"balance","time_zone":null}"""));

    public static (Example[], Example[]) Query { get; } = Pair("by-out-trade-no", "Read ORDER-0001",
        """{"busi_id":"10000000000001","out_trade_no":"ORDER-0001"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","busi_id":"10000000000001","channel_type":1,"out_trade_no":"ORDER-0001","trade_no":"20261205823307332906","channel_trade_no":"PS20261205823307332906","phone_code":"20261205823307332906","auth_code":"284085021561021942","merchant_param":null,"operator_id":"test1","terminal_id":"收银机1","begin_time":"20261205043055","end_time":"20261205043055","total_fee":250,"fee_type":"CNY","refund_fee":0,"state":1,"credit":"balance","time_zone":null}"""));

    public static (Example[], Example[]) Refund { get; } = Pair("part", "Refund 1.00 yuan of ORDER-0001",
        """{"busi_id":"10000000000001","operator_id":"test1","terminal_id":"收银机1","out_trade_no":"ORDER-0001","out_refund_no":"REFUND-0001","refund_fee":"100","refund_subject":"退款","fee_type":"CNY"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","out_trade_no":"ORDER-0001","trade_no":"20261205823307332906","fee_type":"CNY","channel_type":1,"time_zone":null,"out_refund_no":"REFUND-0001","refund_no":"2026120582330733290601","trade_status":"succ","refund_fee":100,"refund_amount_cny":100,"refund_subject":"退款","operator_id":"test1","terminal_id":"收银机1","begin_time":"20261205043055","end_time":"20261205043055","gmt_refund_time":"20261205043055"}"""));

    public static (Example[], Example[]) RefundQuery { get; } = Pair("by-refund-number", "Read REFUND-0001",
        """{"busi_id":"10000000000001","out_trade_no":"REFUND-0001"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","out_trade_no":"REFUND-0001","trade_no":"20261205823307332906","fee_type":"CNY","channel_type":1,"time_zone":null,"out_refund_no":"REFUND-0001","refund_no":"2026120582330733290601","trade_status":"succ","refund_fee":100,"refund_amount_cny":100,"refund_subject":"退款","operator_id":"test1","terminal_id":"收银机1","begin_time":"20261205043055","end_time":"20261205043055","gmt_refund_time":"20261205043055"}"""));

    public static (Example[], Example[]) PreOrder { get; } =
    (
        [
            new("qrcode", "A QR code order of 1.00 yuan, payable for 30 minutes",
                """{"busi_id":"10000000000001","total_fee":"100","channel_type":"0","pay_subject":"二维码产品支付","out_trade_no":"ORDER-0002","fee_type":"CNY","trade_type":"QRCODE","time_expire":"30"}"""),
            new("jsapi-alipay", "An Alipay JSAPI order, notified when paid",
                """{"busi_id":"10000000000001","total_fee":"100","channel_type":"1","pay_subject":"测试商品","out_trade_no":"ORDER-0003","fee_type":"CNY","trade_type":"JSAPI","openId":"2088102172184723","notifyUrl":"http://merchant.example/notify"}"""),
            new("jsapi-wechat", "A WeChat JSAPI order",
                """{"busi_id":"10000000000001","total_fee":"100","channel_type":"2","pay_subject":"测试商品","out_trade_no":"ORDER-0004","fee_type":"CNY","trade_type":"JSAPI","openId":"oWeChat00000000000000000003","subAppId":"wx17e91dae2802695e"}"""),
        ],
        [
            new("qrcode", "qr_code is the cashier page",
                Envelope("""{"return_code":"SUCCESS","return_msg":"OK","out_trade_no":"ORDER-0002","trade_no":"20261205851196817352","qr_code":"http://127.0.0.1:20056/online/pay/?id=10000000000001&tradeNo=20261205851196817352&price=1.00","time_zone":null}""")),
            new("jsapi-alipay", "prePayId is the trade_no",
                Envelope("""{"return_code":"SUCCESS","return_msg":"OK","out_trade_no":"ORDER-0003","trade_no":"20261205033864378403","prePayId":"20261205033864378403","time_zone":null}""")),
            new("jsapi-wechat", "payInfo for WeChat's JS bridge",
                Envelope("""{"return_code":"SUCCESS","return_msg":"OK","out_trade_no":"ORDER-0004","trade_no":"20261205257236277823","payInfo":"{\"appId\":\"wx17e91dae2802695e\",\"timeStamp\":\"1796416255865\",\"status\":\"0\",\"signType\":\"MD5\",\"package\":\"prepay_id=20261205257236277823\",\"callback_url\":\"http://127.0.0.1:20056/online/pay/?id=10000000000001\\u0026tradeNo=20261205257236277823\\u0026price=1.00\",\"nonceStr\":\"1796416255865\",\"paySign\":\"787D20E9A8571A3B8D957F2D58C44CFF\"}","time_zone":null}""")),
        ]
    );

    public static (Example[], Example[]) Cancel { get; } = Pair("unpaid", "Cancel ORDER-0003 (15 s or more after it was created)",
        """{"busi_id":"10000000000001","operator_id":"test1","terminal_id":"收银机1","out_trade_no":"ORDER-0003"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","busi_id":"10000000000001","channel_type":1,"out_trade_no":"ORDER-0003","trade_no":"20261205033864378403","channel_trade_no":null,"phone_code":null,"auth_code":null,"merchant_param":null,"operator_id":null,"terminal_id":null,"begin_time":"20261205043055","end_time":"20261205043111","total_fee":100,"fee_type":"CNY","refund_fee":0,"state":2,"credit":null,"time_zone":null}"""));

    public static (Example[], Example[]) Close { get; } = Pair("unpaid", "Close ORDER-0004",
        """{"busi_id":"10000000000001","operator_id":"test1","terminal_id":"收银机1","out_trade_no":"ORDER-0004"}""",
        Envelope("""{"return_code":"SUCCESS","return_msg":"OK","busi_id":"10000000000001","channel_type":2,"out_trade_no":"ORDER-0004","trade_no":"20261205257236277823","channel_trade_no":null,"phone_code":null,"auth_code":null,"merchant_param":null,"operator_id":null,"terminal_id":null,"begin_time":"20261205043055","end_time":"20261205043111","total_fee":100,"fee_type":"CNY","refund_fee":0,"state":6,"credit":null,"time_zone":null}"""));

    private static (Example[], Example[]) Pair(string name, string summary, string request, string answer) =>
        ([new(name, summary, request)], [new(name, summary, answer)]);
}
