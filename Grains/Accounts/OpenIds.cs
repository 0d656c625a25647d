using System.Security.Cryptography;

namespace PaySim.Grains.Accounts;

/// <summary>Generates account openIDs: "o" and 27 URL-safe random characters, the shape of a WeChat openID.</summary>
internal static class OpenIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const int RandomLength = 27;

    public static string New() => "o" + RandomNumberGenerator.GetString(Alphabet, RandomLength);
}
