using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Stratus.Benchmarks.Infra;

namespace Stratus.Benchmarks;

/// <summary>
/// Module registry figures on the real API (loopback Kestrel, embedded store): publishing a module archive, and what
/// <c>terraform init</c> costs per module — the protocol's download call (204 with the signed link) plus go-getter's
/// fetch of the archive — for a typical module (200 .tf files, about 1 MiB) and a large one (16 MiB, for throughput).
/// </summary>
internal static class ModuleBenchmark
{
    /// <returns>False when a scenario failed.</returns>
    public static async Task<bool> RunAsync(bool quick)
    {
        var rounds = quick ? 5 : 50;
        var server = InfraBenchmarkServer.Start();
        await using (server)
        {
            using var client = server.Client();
            using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            var org = "bench-" + Guid.NewGuid().ToString("N")[..8];
            using (var created = await client.PostAsync(new Uri("/api/v1/organizations", UriKind.Relative), new StringContent($"{{\"name\":\"{org}\"}}", System.Text.Encoding.UTF8, "application/json")))
            {
                created.EnsureSuccessStatusCode();
            }

            var typical = TarGz.Create(Enumerable.Range(0, 200).Select(i => ($"modules/m{i / 20}/file{i}.tf", Hcl(i, 5_000))).ToArray());
            var large = TarGz.Create(Enumerable.Range(0, 16).Select(i => ($"data/blob{i}.bin", Noise(i, 1 << 20))).ToArray());
            var succeeded = await BenchmarkScenario.RunAsync("modules.publish", TimeSpan.FromMinutes(5), async ct =>
            {
                var times = new List<double>();
                for (var i = 0; i < rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await PublishAsync(client, org, "typical", $"1.0.{i}", typical, ct);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                Results.Print("modules.publish_typical_p50", Results.Median(times), "ms");
                var big = Stopwatch.StartNew();
                await PublishAsync(client, org, "large", "1.0.0", large, ct);
                Results.Print("modules.publish_large", big.Elapsed.TotalMilliseconds, "ms");
            });
            succeeded &= await BenchmarkScenario.RunAsync("modules.download", TimeSpan.FromMinutes(5), async ct =>
            {
                var times = new List<double>();
                for (var i = 0; i < rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var bytes = await DownloadAsync(client, anonymous, org, "typical", $"1.0.{i}", ct);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    Check(bytes, "typical");
                }

                Results.Print("modules.download_typical_p50", Results.Median(times), "ms");
                Results.Print("modules.download_typical_p95", Results.Percentile(times, 95), "ms");
                var rates = new List<double>();
                for (var i = 0; i < (quick ? 2 : 5); i++)
                {
                    var watch = Stopwatch.StartNew();
                    var bytes = await DownloadAsync(client, anonymous, org, "large", "1.0.0", ct);
                    rates.Add(bytes / 1048576.0 / watch.Elapsed.TotalSeconds);
                }

                Results.Print("modules.download_large_mib_per_s", Results.Median(rates), "MiB/s");
                Results.Print("modules.archive_typical_kib", typical.Length / 1024.0, "KiB");
            });
            return succeeded;
        }
    }

    private static async Task PublishAsync(HttpClient client, string org, string name, string version, byte[] archive, CancellationToken ct)
    {
        using var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/modules/{name}/azurerm/versions/{version}", UriKind.Relative), content, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"publish {name} {version}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <returns>The archive's length in bytes.</returns>
    private static async Task<long> DownloadAsync(HttpClient client, HttpClient anonymous, string org, string name, string version, CancellationToken ct)
    {
        using var download = await client.GetAsync(new Uri($"/api/registry/modules/v1/{org}/{name}/azurerm/{version}/download", UriKind.Relative), ct);
        if (download.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"download {name} {version}: {(int)download.StatusCode}");
        }

        using var archive = await anonymous.GetAsync(new Uri(download.Headers.GetValues("X-Terraform-Get").Single()), HttpCompletionOption.ResponseHeadersRead, ct);
        archive.EnsureSuccessStatusCode();
        await using var body = await archive.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static void Check(long bytes, string name)
    {
        if (bytes == 0)
        {
            throw new InvalidOperationException($"the {name} archive came back empty");
        }
    }

    private static string Hcl(int seed, int length)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"variable \"v{seed}_{i}\" {{\n  type    = string\n  default = \"{seed * 7919 + i:x8}\"\n}}\n\n");
        }

        return text.ToString();
    }

    // Incompressible content, so the large figure measures transfer, not gzip.
    private static string Noise(int seed, int length)
    {
        var random = new Random(seed);
        var bytes = new byte[length * 3 / 4];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }
}
