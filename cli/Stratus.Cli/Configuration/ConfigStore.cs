using System.Text.Json;

namespace Stratus.Cli.Configuration;

/// <summary>
/// Reads and writes <c>config.json</c> in <c>STRATUS_CONFIG_DIR</c> or <c>~/.stratus</c>. On Unix the folder is 0700 and
/// the file 0600: it is written to a new 0600 file beside it and moved into place, so it is never readable by others,
/// not even for a moment, and a crash never leaves half a file.
/// </summary>
internal sealed class ConfigStore(string directory)
{
    private const string FileName = "config.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string Directory { get; } = directory;

    public string FilePath => Path.Combine(Directory, FileName);

    public static ConfigStore For(CliEnvironment environment)
    {
        var configured = environment.GetVariable(EnvironmentVariables.ConfigDir);
        return new ConfigStore(string.IsNullOrWhiteSpace(configured) ? Path.Combine(environment.HomeDirectory, ".stratus") : configured);
    }

    public CliConfig Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return CliConfig.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(text, Options) ?? CliConfig.Empty;
        }
        catch (JsonException e)
        {
            throw new CliException($"{FilePath} is not valid JSON.", $"{e.Message} Fix it, or delete it and run 'stratus login' again.");
        }
    }

    public void Save(CliConfig config)
    {
        CreateDirectory();
        var temporary = Path.Combine(Directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = OpenNew(temporary))
            {
                JsonSerializer.Serialize(stream, config, Options);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static FileStream OpenNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
