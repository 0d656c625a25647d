using System.Globalization;

namespace PaySim.Silo.Storage.Ado;

/// <summary>An ETag is the row's version number as invariant text; it only ever grows, so it is never reused.</summary>
internal static class StorageEtag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an ETag this layer produced; false for anything else (which can match no row).</summary>
    public static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
