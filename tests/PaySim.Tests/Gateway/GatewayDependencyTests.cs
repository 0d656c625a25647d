using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using PaySim.Gateway.Hosting;

namespace PaySim.Tests.Gateway;

/// <summary>
/// The layout rule of issue 13: the gateway knows the contracts (<c>PaySim.Grains.Interfaces</c>), the shared wire
/// formats and the silo's hosting entry point (<c>PaySim.Silo.Hosting</c>), never grain classes or the silo's
/// internals. Grains/ still reaches the gateway's output through Silo/, so the compiler alone does not enforce it.
/// </summary>
public sealed partial class GatewayDependencyTests
{
    [Fact]
    public void GatewayAssembly_UsesNoTypeOfTheGrainsAssembly_AndOfTheSiloOnlyItsHostingEntryPoint()
    {
        using var stream = File.OpenRead(typeof(GatewayServices).Assembly.Location);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        var used = metadata.TypeReferences
            .Select(metadata.GetTypeReference)
            .Where(type => type.ResolutionScope.Kind == HandleKind.AssemblyReference)
            .Select(type => (
                Assembly: metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name),
                Type: metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name)))
            .ToList();

        var grainTypes = used.Where(reference => reference.Assembly == "PaySim.Grains").ToList();
        var siloInternals = used.Where(reference => reference.Assembly == "PaySim.Silo" && !reference.Type.StartsWith("PaySim.Silo.Hosting.", StringComparison.Ordinal)).ToList();

        Assert.Empty(grainTypes);
        Assert.Empty(siloInternals);
        Assert.Contains(used, reference => reference.Assembly == "PaySim.Grains.Interfaces");
    }

    [Fact]
    public void GatewaySources_NameNoGrainsOrSiloNamespace_ButTheContractsAndTheHostingEntryPoint()
    {
        var gateway = Path.Combine(RepositoryRoot(), "Gateway");
        var offending = Directory.EnumerateFiles(gateway, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(entry => ForbiddenNamespace().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(gateway, entry.path)}:{entry.index + 1}: {entry.line.Trim()}");

        Assert.Empty(offending);
        Assert.DoesNotContain("Grains/PaySim.Grains.csproj", File.ReadAllText(Path.Combine(gateway, "PaySim.Gateway.csproj")), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PaySim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No PaySim.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>PaySim.Grains</c> or <c>PaySim.Silo</c> as a namespace, but not <c>.Interfaces</c> or <c>.Hosting</c>.</summary>
    [GeneratedRegex(@"\bPaySim\.(Grains(?!\.Interfaces\b)|Silo(?!\.Hosting\b))\b")]
    private static partial Regex ForbiddenNamespace();
}
