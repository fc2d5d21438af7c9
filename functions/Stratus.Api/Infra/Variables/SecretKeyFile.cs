using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Stratus.Infra.Variables;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Variables;

/// <summary>
/// Reads a secret key file, or creates one (local mode only): written to a temporary file with owner-only permissions
/// (0600, in a 0700 folder) and moved into place without overwriting, so processes starting together agree on one key.
/// </summary>
internal static class SecretKeyFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <returns>The key, whether this call created the file, and whether the file is readable by others than its owner.</returns>
    /// <exception cref="InvalidOperationException">The file is missing (and may not be created), unreadable or malformed.</exception>
    public static (SecretKeyFileContent Content, bool Created, bool TooOpen) LoadOrCreate(string path, bool create, TimeProvider time)
    {
        var created = false;
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new InvalidOperationException($"The secret key file '{path}' ({SecretKeyOptions.SettingPrefix}SecretKeyFile) does not exist.");
            }

            created = TryCreate(path, time);
        }

        SecretKeyFileContent? content;
        try
        {
            content = JsonSerializer.Deserialize<SecretKeyFileContent>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException($"The secret key file '{path}' cannot be read: {ex.Message}", ex);
        }

        if (content is null || SecretProtectorOptions.DecodeKey(content.Key) is null || SecretProtectorOptions.KeyIdProblem(content.KeyId) is not null)
        {
            throw new InvalidOperationException(
                $"The secret key file '{path}' is not valid: it must hold {{\"keyId\": \"<1–32 letters, digits, '_' or '-'>\", \"key\": \"<base64 of 32 bytes>\"}}.");
        }

        var tooOpen = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
        return (content, created, tooOpen);
    }

    private static bool TryCreate(string path, TimeProvider time)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var keyId = "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var text = JsonSerializer.Serialize(new SecretKeyFileContent(keyId, SecretProtector.GenerateKey(), time.GetUtcNow()), Json);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(temporary, text);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
                using var stream = new FileStream(temporary, options);
                using var writer = new StreamWriter(stream);
                writer.Write(text);
            }

            return PublishWithoutOverwriting(temporary, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Cannot create the local secret key file '{path}': {ex.Message} Set {SecretKeyOptions.SettingPrefix}SecretKey, or {SecretKeyOptions.SettingPrefix}SecretKeyFile to a writable place.", ex);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <returns>Whether the file was published; false when another creator got there first.</returns>
    private static bool PublishWithoutOverwriting(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                // MoveFileEx without REPLACE_EXISTING is atomic on Windows.
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        // On Unix File.Move(overwrite: false) checks for the target and then renames, so two creators can both "win"
        // and readers disagree on the key; link(2) fails atomically when the target exists.
        if (NativeMethods.Link(temporary, path) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (File.Exists(path))
        {
            return false;
        }

        throw new IOException($"link failed with errno {errno}.");
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Link(string existingPath, string newPath);
    }
}
