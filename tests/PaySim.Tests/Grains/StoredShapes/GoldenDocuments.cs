namespace PaySim.Tests.Grains.StoredShapes;

/// <summary>
/// The golden documents: the exact text a stored type is written as, kept in <c>Golden/</c> next to the tests and
/// copied to the test output. A file holds one JSON document; its trailing line break is not part of it.
/// </summary>
internal static class GoldenDocuments
{
    private static readonly string s_directory = Path.Combine(AppContext.BaseDirectory, "Grains", "StoredShapes", "Golden");

    public static string Read(string name)
    {
        var path = Path.Combine(s_directory, name + ".json");
        Assert.True(File.Exists(path), $"No golden document {path}: every stored type needs one (STYLE.md 3c).");
        return File.ReadAllText(path).TrimEnd('\r', '\n');
    }

    /// <summary>Fails, with both texts, when <paramref name="written"/> is not exactly the golden document.</summary>
    public static void AssertMatches(string name, string written)
    {
        var golden = Read(name);
        if (written == golden)
        {
            return;
        }

        var at = Enumerable.Range(0, Math.Min(written.Length, golden.Length)).FirstOrDefault(i => written[i] != golden[i], Math.Min(written.Length, golden.Length));
        Assert.Fail(
            $"{name} is no longer stored as its golden document Golden/{name}.json (first difference at character {at}). " +
            "Rows already stored keep the old shape: a renamed or removed property would read back as its default. " +
            "Keep the shape, or add a migration or a [JsonPropertyName] alias, then update the golden document in the same commit." +
            $"{Environment.NewLine}golden:  {golden}{Environment.NewLine}written: {written}");
    }
}
