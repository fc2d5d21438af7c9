using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stratus.Processes;
using Stratus.Archives;

namespace Stratus.Infra.Execution;

/// <summary>
/// Finds the terraform or tofu executable for a workspace's version, in this order: a binary pinned in
/// <see cref="TerraformBinaryOptions.Binaries"/>; the one on PATH when <c>version -json</c> reports the wanted version
/// (or any version, when the workspace asks for none or "latest"); a download from the releases URL into the cache,
/// checked against the published SHA256SUMS. Otherwise <see cref="TerraformNotFoundException"/> says what was tried.
/// </summary>
public sealed partial class TerraformBinaryResolver
{
    public const string Terraform = "terraform";

    public const string Tofu = "tofu";

    // The largest terraform zip is ~30 MB; refuse anything far beyond that rather than fill the disk.
    private const long MaxDownloadBytes = 512L * 1024 * 1024;

    // terraform and tofu binaries are 80–120 MB; a zip whose executable inflates beyond this is a bomb, not a release.
    private const long MaxExecutableBytes = 1024L * 1024 * 1024;

    private static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromSeconds(30);

    private readonly TerraformBinaryOptions _options;
    private readonly HttpClient _httpClient;
    private readonly ConcurrentDictionary<string, string?> _pathVersions = new(StringComparer.Ordinal);

    /// <param name="httpClient">For downloads: the <see cref="TerraformHttpClient.Name"/> client, which retries transient failures.</param>
    public TerraformBinaryResolver(TerraformBinaryOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrEmpty(options.CacheDirectory);
        _options = options;
        _httpClient = httpClient;
    }

    /// <summary>This machine as release file names spell it, e.g. linux_amd64.</summary>
    internal static string Platform { get; } = PlatformName();

    /// <param name="iacType">"terraform" or "tofu" (case-insensitive; empty means terraform).</param>
    /// <param name="version">e.g. "1.11.0" or "v1.11.0"; null, empty or "latest" take what is at hand.</param>
    /// <param name="log">Says where the binary came from, for the step's log.</param>
    public async Task<string> ResolveAsync(string? iacType, string? version, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var tool = ToolName(iacType);
        var wanted = NormalizeVersion(version);
        log ??= static _ => { };
        var tried = new List<string>();

        if (wanted is not null && Configured(tool, wanted, tried) is { } pinned)
        {
            log($"Using {tool} {wanted} from the configured binaries: {pinned}");
            return pinned;
        }

        if (FindOnPath(tool) is { } onPath)
        {
            var found = await VersionOfAsync(onPath, cancellationToken);
            if (wanted is null || string.Equals(found, wanted, StringComparison.Ordinal))
            {
                log($"Using {tool} {found ?? "(unknown version)"} from PATH: {onPath}");
                return onPath;
            }

            tried.Add($"PATH: {onPath} is {tool} {found ?? "of an unknown version"}, not {wanted}");
        }
        else
        {
            tried.Add($"PATH: no '{tool}' executable");
        }

        if (wanted is null)
        {
            if (HighestConfigured(tool) is { } latest)
            {
                log($"Using {tool} {latest.Version}, the highest configured version: {latest.Path}");
                return latest.Path;
            }

            tried.Add($"configured binaries: none for {tool}");
            tried.Add("download: needs an explicit version");
            throw NotFound(tool, null, tried);
        }

        var baseUrl = tool == Terraform ? _options.ReleasesBaseUrl : _options.TofuReleasesBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            tried.Add($"download: no releases URL configured (TerraformBinaryOptions.{(tool == Terraform ? "ReleasesBaseUrl" : "TofuReleasesBaseUrl")})");
            throw NotFound(tool, wanted, tried);
        }

        try
        {
            return await DownloadAsync(tool, wanted, baseUrl.TrimEnd('/'), log, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or IOException or Polly.ExecutionRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            tried.Add($"download: {e.Message}");
            throw NotFound(tool, wanted, tried);
        }
    }

    private string? Configured(string tool, string version, List<string> tried)
    {
        var keys = tool == Terraform ? new[] { version, "terraform:" + version } : ["tofu:" + version];
        foreach (var key in keys)
        {
            if (_options.Binaries.TryGetValue(key, out var path))
            {
                if (File.Exists(path))
                {
                    return path;
                }

                tried.Add($"configured binaries: \"{key}\" is {path}, which does not exist");
                return null;
            }
        }

        var known = _options.Binaries.Keys.Order(StringComparer.Ordinal).ToList();
        tried.Add($"configured binaries: no \"{keys[0]}\" (configured: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        return null;
    }

    private (string Version, string Path)? HighestConfigured(string tool)
    {
        (Version Order, string Version, string Path)? best = null;
        foreach (var (key, path) in _options.Binaries)
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            var keyTool = separator < 0 ? Terraform : key[..separator].ToLowerInvariant();
            var keyVersion = separator < 0 ? key : key[(separator + 1)..];
            if (keyTool != tool || !File.Exists(path) || !System.Version.TryParse(keyVersion.Split('-')[0], out var order))
            {
                continue;
            }

            if (best is null || order > best.Value.Order)
            {
                best = (order, keyVersion, path);
            }
        }

        return best is { } found ? (found.Version, found.Path) : null;
    }

    private async Task<string?> VersionOfAsync(string path, CancellationToken cancellationToken)
    {
        if (_pathVersions.TryGetValue(path, out var known))
        {
            return known;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(VersionProbeTimeout);
        using var output = new MemoryStream();
        var spec = new ProcessSpec(path, ["version", "-json"], Path.GetTempPath())
        {
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["CHECKPOINT_DISABLE"] = "1", ["TF_IN_AUTOMATION"] = "1" },
        };
        string? version = null;
        try
        {
            if (await ProcessRunner.RunAsync(spec, output, static _ => { }, timeout.Token) == 0)
            {
                using var json = JsonDocument.Parse(output.ToArray());
                version = json.RootElement.TryGetProperty("terraform_version", out var property) ? property.GetString() : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not a terraform we can talk to: treated as a version mismatch.
        }

        _pathVersions[path] = version;
        return version;
    }

    private async Task<string> DownloadAsync(string tool, string version, string baseUrl, Action<string> log, CancellationToken cancellationToken)
    {
        var executable = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var toolCache = Path.Combine(Path.GetFullPath(_options.CacheDirectory), tool);
        var final = Path.Combine(toolCache, version);
        var cached = Path.Combine(final, executable);
        if (File.Exists(cached))
        {
            log($"Using {tool} {version} from the cache: {cached}");
            return cached;
        }

        // HashiCorp's layout has bare versions in the path; OpenTofu's GitHub releases have a "v" tag.
        var folder = tool == Terraform ? $"{baseUrl}/{version}" : $"{baseUrl}/v{version}";
        var zipName = $"{tool}_{version}_{Platform}.zip";
        var zipUrl = $"{folder}/{zipName}";
        var sumsUrl = $"{folder}/{tool}_{version}_SHA256SUMS";

        Directory.CreateDirectory(toolCache);
        var staging = Path.Combine(toolCache, ".download-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            log($"Downloading {tool} {version} from {zipUrl}");
            var zipPath = Path.Combine(staging, zipName);
            using (var response = await _httpClient.GetAsync(new Uri(zipUrl), HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"GET {zipUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var bounded = new BoundedReadStream(body, MaxDownloadBytes, () => new InvalidDataException($"{zipUrl} is larger than {MaxDownloadBytes} bytes"));
                await using var file = File.Create(zipPath);
                await bounded.CopyToAsync(file, cancellationToken);
            }

            await VerifyAsync(zipPath, zipName, sumsUrl, log, cancellationToken);

            using (var archive = ZipFile.OpenRead(zipPath))
            {
                // Only the executable is taken; nothing else in the zip is written anywhere. Its declared size is
                // checked first and the inflated bytes are counted too, so a lying header cannot fill the disk either.
                var entry = archive.GetEntry(executable) ?? throw new InvalidDataException($"{zipUrl} does not contain '{executable}'");
                if (entry.Length > MaxExecutableBytes)
                {
                    throw new InvalidDataException($"'{executable}' in {zipUrl} is {entry.Length} bytes unpacked; more than {MaxExecutableBytes} is not a release");
                }

                await using var opened = entry.Open();
                await using var inflated = new BoundedReadStream(opened, MaxExecutableBytes,
                    () => new InvalidDataException($"'{executable}' in {zipUrl} unpacks to more than {MaxExecutableBytes} bytes"));
                await using var target = File.Create(Path.Combine(staging, executable));
                await inflated.CopyToAsync(target, cancellationToken);
            }

            File.Delete(zipPath);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(staging, executable),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            try
            {
                // The rename publishes the version at once, so a concurrent resolver never sees half a download.
                Directory.Move(staging, final);
            }
            catch (IOException) when (File.Exists(cached))
            {
                // Another resolver published it first; theirs is as good as ours.
            }

            log($"Using {tool} {version}, downloaded to {cached}");
            return cached;
        }
        finally
        {
            LocalFiles.DeleteQuietly(staging);
        }
    }

    private async Task VerifyAsync(string zipPath, string zipName, string sumsUrl, Action<string> log, CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(new Uri(sumsUrl), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            log($"No SHA256SUMS at {sumsUrl}; the download is not verified");
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"GET {sumsUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
        }

        var sums = await response.Content.ReadAsStringAsync(cancellationToken);
        var expected = sums.Split('\n')
            .Select(line => line.Trim().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 2 && parts[1].TrimStart('*').Trim() == zipName)
            .Select(parts => parts[0])
            .FirstOrDefault()
            ?? throw new InvalidDataException($"{sumsUrl} does not list {zipName}");

        await using var zip = File.OpenRead(zipPath);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(zip, cancellationToken));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"the SHA-256 of {zipName} is {actual} but {sumsUrl} says {expected}; the download was discarded");
        }

        log($"Verified {zipName} against {sumsUrl}");
    }

    private static string? FindOnPath(string tool)
    {
        var executable = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, executable);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string ToolName(string? iacType)
    {
        var tool = string.IsNullOrWhiteSpace(iacType) ? Terraform : iacType.Trim().ToLowerInvariant();
        return tool is Terraform or Tofu
            ? tool
            : throw new ArgumentException($"The IaC type '{iacType}' is not supported: use 'terraform' or 'tofu'.", nameof(iacType));
    }

    private static string? NormalizeVersion(string? version)
    {
        var trimmed = version?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || string.Equals(trimmed, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        trimmed = trimmed.TrimStart('v', 'V');
        return VersionPattern().IsMatch(trimmed)
            ? trimmed
            : throw new ArgumentException($"The version '{version}' is not valid: use a release number such as 1.11.0, or 'latest'.", nameof(version));
    }

    private TerraformNotFoundException NotFound(string tool, string? version, List<string> tried)
    {
        var wanted = version is null ? $"{tool} (any version)" : $"{tool} {version}";
        var key = tool == Terraform ? version ?? "1.11.0" : "tofu:" + (version ?? "1.8.0");
        var setting = tool == Terraform ? "ReleasesBaseUrl (e.g. https://releases.hashicorp.com/terraform)" : "TofuReleasesBaseUrl (e.g. https://github.com/opentofu/opentofu/releases/download)";
        var message = new StringBuilder()
            .Append("No ").Append(wanted).Append(" binary is available. Tried: ")
            .AppendJoin("; ", tried)
            .Append(". To fix: pin one in TerraformBinaryOptions.Binaries (\"").Append(key).Append("\" → its path), set TerraformBinaryOptions.")
            .Append(setting).Append(" so it can be downloaded into ").Append(_options.CacheDirectory)
            .Append(", or put ").Append(wanted).Append(" on PATH.")
            .ToString();
        return new TerraformNotFoundException(message, tool, version, tried.ToList());
    }

    private static string PlatformName()
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            _ => "amd64",
        };
        return os + "_" + arch;
    }

    [GeneratedRegex("^[0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.-]+)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
