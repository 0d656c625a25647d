using System.Globalization;
using System.Security.Cryptography;

namespace PaySim.Grains.Trades;

/// <summary>
/// Generates transaction serial numbers (交易流水号): the creation time to the millisecond (UTC, 17 digits) and
/// 10 random digits, so they sort by time and two trades created in the same millisecond still differ.
/// </summary>
internal static class TransactionIds
{
    private const string Digits = "0123456789";
    private const int RandomDigitCount = 10;

    public static string New(DateTimeOffset createdAt) =>
        createdAt.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetString(Digits, RandomDigitCount);
}
