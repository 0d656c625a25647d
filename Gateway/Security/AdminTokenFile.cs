using System.Security.Cryptography;

namespace PaySim.Gateway.Security;

/// <summary>The generated admin token's file: created once with mode 600, then read by every later start.</summary>
internal static class AdminTokenFile
{
    private const int TokenBytes = 32;

    public static string ReadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(TokenBytes)).ToLowerInvariant();
        try
        {
            // CreateNew with the mode set at creation: the token is never readable by others, not even for a moment,
            // and of two processes starting together exactly one writes it.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.Write(token);
            return token;
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadExisting(path);
        }
    }

    private static string ReadExisting(string path)
    {
        // Another process may have created the file an instant ago and not yet written it.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var token = File.ReadAllText(path).Trim();
            if (token.Length > 0)
            {
                return token;
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"The admin token file {path} is empty: delete it to have a new token generated.");
    }
}
