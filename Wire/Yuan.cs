using System.Globalization;

namespace PaySim.Wire;

/// <summary>Amounts as the merchant seeds write them: yuan with two decimals ("1.50"), from PaySim's fen.</summary>
public static class Yuan
{
    public static string FromFen(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
