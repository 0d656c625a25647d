namespace PaySim.Gateway.Apis;

/// <summary>
/// Names (accounts, trades, request ids, order numbers) may not hold control characters (Unicode category Cc):
/// PostgreSQL's text holds no NUL, and CR or LF in a name would forge lines in a text log.
/// </summary>
public static class ControlCharacters
{
    /// <summary>True when <paramref name="text"/> holds a character of U+0000–U+001F or U+007F–U+009F (what <see cref="char.IsControl(char)"/> matches), searched vectorised.</summary>
    public static bool In(ReadOnlySpan<char> text) => text.ContainsAnyInRange('\u0000', '\u001f') || text.ContainsAnyInRange('\u007f', '\u009f');
}
