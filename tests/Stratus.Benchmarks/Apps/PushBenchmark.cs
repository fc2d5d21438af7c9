using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Stratus.Archives;
using Stratus.Containers.Assembly;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Containers.Source;
using Stratus.Orchestrations.Apps;

namespace Stratus.Benchmarks.Apps;

/// <summary>
/// How fast a fresh app layer is built and pushed, for each layer compression, next to what this machine can do at
/// best in the same run: write and fsync the same number of bytes to the filesystem the registry stores on (the
/// temp folder, where the benchmark's registry keeps its data), and sha256 them in memory. The app is
/// <see cref="PushFiles"/> files of random, incompressible bytes, so every compression ships about as many bytes as
/// the content has, and every run has new content, so the registry cannot link a blob it already holds: the whole
/// layer really travels, and the registry's own hashing and disk writes are part of the push time. The peer is
/// <see cref="CurlBlobPush"/>: the same uncompressed layer file PUT by curl to the same registry in the same run.
/// </summary>
internal static class PushBenchmark
{
    private const double MiB = 1024 * 1024;
    private const double TargetMiBPerSecond = 300;
    private const int PushFiles = 4;
    private const int WriteChunk = 1024 * 1024;

    private static readonly LayerCompression[] Compressions = [LayerCompression.Gzip, LayerCompression.Zstd, LayerCompression.None];

    /// <summary>
    /// The layer is built from its upload with <see cref="AppSourceLayer"/> (extract, then the deterministic tar with
    /// its digests), then assembled onto the platform image and pushed by <see cref="ImageAssembler"/> into a fresh
    /// repository of the real registry. Push time is the whole assembly: base manifest and config, existence checks,
    /// the layer, the config and the manifest.
    /// </summary>
    public static async Task RunAsync(string registry, string platformImage, AppsWorkload size, CancellationToken cancellationToken)
    {
        var pipeline = new AppPipelineOptions();
        var limits = ArchiveLimits.Default with { MaxCompressedBytes = pipeline.MaxArchiveBytes, MaxUncompressedBytes = pipeline.MaxUnpackedBytes };
        var platform = ImageReference.Parse(platformImage);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var client = new RegistryClient(http);
        var assembler = new ImageAssembler(client);
        var fileBytes = (int)(size.PushMiB * MiB / PushFiles);
        var builds = Compressions.ToDictionary(c => c, _ => new List<double>());
        var pushes = Compressions.ToDictionary(c => c, _ => new List<double>());
        var layerBytes = Compressions.ToDictionary(c => c, _ => 0L);
        var disk = new List<double>();
        var sha = new List<double>();
        var curl = new List<double>();
        long contentBytes = 0;
        await WarmUpAsync(assembler, registry, platform, limits, cancellationToken);
        for (var run = 0; run < size.PushRuns; run++)
        {
            var work = Directory.CreateTempSubdirectory("stratus-apps-bench-push-").FullName;
            try
            {
                var content = Enumerable.Range(0, PushFiles).Select(i => ($"lib/blob-{i}.bin", AppArchive.RandomBytes(fileBytes))).ToList();
                disk.Add(DiskWriteMiBPerSecond(content, work));
                sha.Add(Sha256MiBPerSecond(content));
                var upload = Path.Combine(work, "upload.tar.gz");
                await using (var file = File.Create(upload))
                {
                    AppArchive.Write(file, content, CompressionLevel.NoCompression);
                }

                foreach (var compression in Compressions)
                {
                    var stopwatch = Stopwatch.StartNew();
                    AppSourceLayerResult layer;
                    await using (var archive = File.OpenRead(upload))
                    {
                        layer = await AppSourceLayer.CreateAsync(archive, Path.Combine(work, $"build-{compression}"), limits, compression, cancellationToken);
                    }

                    builds[compression].Add(layer.Archive.UncompressedBytes / MiB / stopwatch.Elapsed.TotalSeconds);
                    var target = ImageReference.Create(registry, $"bench/push-{Guid.NewGuid().ToString("N")[..8]}", "v1");
                    var changes = ImageConfigChanges.None with { WorkingDir = AppSourceLayer.ApplicationDirectory };
                    stopwatch.Restart();
                    var assembled = await assembler.AssembleAsync(platform, [layer.Layer], changes, target, [], _ => { }, cancellationToken);
                    var seconds = stopwatch.Elapsed.TotalSeconds;
                    if (assembled.Stats.BytesUploaded < layer.Layer.Size)
                    {
                        throw new InvalidOperationException($"The push of {target} uploaded {assembled.Stats.BytesUploaded} bytes, less than its {layer.Layer.Size}-byte layer: {assembled.Stats}");
                    }

                    pushes[compression].Add(layer.Layer.Size / MiB / seconds);
                    layerBytes[compression] = layer.Layer.Size;
                    contentBytes = layer.Archive.UncompressedBytes;
                    if (compression == LayerCompression.None && CurlBlobPush.Available)
                    {
                        // The same bytes again, by the peer, into a repository of its own.
                        curl.Add(await CurlBlobPush.MiBPerSecondAsync(registry, $"bench/curl-{Guid.NewGuid().ToString("N")[..8]}", layer.Layer.Path, layer.Layer.Digest, cancellationToken));
                    }

                    Directory.Delete(Path.Combine(work, $"build-{compression}"), recursive: true);
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var diskLimit = Results.Median(disk);
        var shaLimit = Results.Median(sha);
        Results.Print("apps.push_content_size", contentBytes / MiB, "MiB (random, incompressible)");
        Results.Print("apps.push_runs", size.PushRuns, "runs per compression");
        Results.Print("apps.disk_write_fsync_mib_per_s", diskLimit, "MiB/s");
        Results.Print("apps.sha256_mib_per_s", shaLimit, "MiB/s");
        var peer = curl.Count > 0 ? Results.Median(curl) : 0;
        if (curl.Count > 0)
        {
            Results.Print("apps.push_peer_curl_mib_per_s", peer, "MiB/s (curl, one PUT of the uncompressed layer file)");
        }
        else
        {
            await Console.Error.WriteLineAsync("apps: curl is not on PATH; the push has no peer figure in this run.");
        }
        foreach (var compression in Compressions)
        {
            var name = compression.ToString().ToLowerInvariant();
            var push = Results.Median(pushes[compression]);
            Results.Print($"apps.push_layer_size_{name}", layerBytes[compression] / MiB, "MiB");
            Results.Print($"apps.layer_build_mib_per_s_{name}", Results.Median(builds[compression]), "MiB/s");
            Results.Print($"apps.push_mib_per_s_{name}", push, "MiB/s");

            // The best run is the one least disturbed by whatever else the machine was doing.
            Results.Print($"apps.push_mib_per_s_best_{name}", pushes[compression].Max(), "MiB/s");
            Results.Print($"apps.push_vs_disk_{name}", push / diskLimit, "x");
            Results.Print($"apps.push_vs_sha256_{name}", push / shaLimit, "x");
            if (peer > 0)
            {
                Results.Print($"apps.push_vs_curl_{name}", push / peer, "x (the whole assembly against curl's bare PUT)");
            }
            Results.Print($"apps.push_vs_300_target_{name}", push / TargetMiBPerSecond, "x (1 or more meets it)");
        }

        // Only the config (a few KB) goes through the client's sha256; the layers' digests come from their build.
        Results.Print("apps.push_client_hashed_bytes", client.Statistics.BytesHashed, "bytes");
        Results.Print("apps.push_monolithic_uploads", client.Statistics.MonolithicUploads, "blobs");
        Results.Print("apps.push_chunked_uploads", client.Statistics.ChunkedUploads, "blobs");
    }

    /// <summary>
    /// One small build and push of each compression first, so JIT, the first connection and the registry's first
    /// repository are not charged to whichever compression happens to go first.
    /// </summary>
    private static async Task WarmUpAsync(ImageAssembler assembler, string registry, ImageReference platform, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("stratus-apps-bench-warmup-").FullName;
        try
        {
            using var upload = new MemoryStream();
            AppArchive.Write(upload, [("warm-up.bin", AppArchive.RandomBytes(64 * 1024))], CompressionLevel.NoCompression);
            foreach (var compression in Compressions)
            {
                upload.Position = 0;
                var layer = await AppSourceLayer.CreateAsync(upload, Path.Combine(work, compression.ToString()), limits, compression, cancellationToken);
                var target = ImageReference.Create(registry, $"bench/warm-up-{Guid.NewGuid().ToString("N")[..8]}", "v1");
                await assembler.AssembleAsync(platform, [layer.Layer], ImageConfigChanges.None, target, [], _ => { }, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Writes the content to a new file in <paramref name="folder"/> in 1 MiB writes and fsyncs it.</summary>
    private static double DiskWriteMiBPerSecond(IReadOnlyList<(string Path, byte[] Content)> content, string folder)
    {
        var path = Path.Combine(folder, "disk-limit.bin");
        var stopwatch = Stopwatch.StartNew();
        long bytes = 0;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            foreach (var (_, data) in content)
            {
                for (var offset = 0; offset < data.Length; offset += WriteChunk)
                {
                    file.Write(data, offset, Math.Min(WriteChunk, data.Length - offset));
                }

                bytes += data.Length;
            }

            file.Flush(flushToDisk: true);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        File.Delete(path);
        return bytes / MiB / seconds;
    }

    private static double Sha256MiBPerSecond(IReadOnlyList<(string Path, byte[] Content)> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stopwatch = Stopwatch.StartNew();
        foreach (var (_, data) in content)
        {
            hash.AppendData(data);
        }

        _ = hash.GetHashAndReset();
        return content.Sum(c => (long)c.Content.Length) / MiB / stopwatch.Elapsed.TotalSeconds;
    }
}
