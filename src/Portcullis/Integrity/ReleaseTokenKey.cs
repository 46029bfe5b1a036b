using System.Security.Cryptography;

namespace Portcullis.Integrity;

/// <summary>
/// The HMAC key of release tokens: 32 random bytes in the keys folder (beside the audit signing key),
/// readable by its owner only, made on first use. Not in the database, so a database insider
/// cannot mint a token; every node of a deployment shares the folder, so any node verifies.
/// </summary>
public sealed class ReleaseTokenKey(string folder)
{
    public const string FileName = "release-token.key";

    private readonly Lock _gate = new();

    private byte[]? _key;

    public string File => Path.Combine(folder, FileName);

    public byte[] Bytes()
    {
        lock (_gate)
        {
            return _key ??= ReadOrCreate();
        }
    }

    private byte[] ReadOrCreate()
    {
        if (!System.IO.File.Exists(File))
        {
            Directory.CreateDirectory(folder);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            // Written to a private temporary file and moved into place: a second node never reads half a key.
            var temporary = File + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var writer = new StreamWriter(temporary, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            try
            {
                System.IO.File.Move(temporary, File, overwrite: false);
            }
            catch (IOException) when (System.IO.File.Exists(File))
            {
                // Another node made it first: use theirs.
                System.IO.File.Delete(temporary);
            }
        }

        return Convert.FromBase64String(System.IO.File.ReadAllText(File).Trim());
    }
}
