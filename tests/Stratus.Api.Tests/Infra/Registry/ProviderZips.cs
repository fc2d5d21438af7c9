using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>Provider packages for tests: a zip with a tiny stand-in binary (terraform init installs it without running it).</summary>
internal static class ProviderZips
{
    public static byte[] Package(string type, string version, params (string Path, string Content)[] extra)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var binary = zip.CreateEntry($"terraform-provider-{type}_v{version}");
            binary.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
            using (var writer = new StreamWriter(binary.Open(), Encoding.ASCII))
            {
                writer.Write("#!/bin/sh\necho 'a stand-in provider binary for registry tests'\nexit 1\n");
            }

            foreach (var (path, content) in extra)
            {
                using var entry = new StreamWriter(zip.CreateEntry(path).Open(), Encoding.ASCII);
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Path, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var entry = new StreamWriter(zip.CreateEntry(path).Open(), Encoding.ASCII);
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static MultipartFormDataContent Form(IEnumerable<(string FileName, byte[] Content)> files, string? protocols = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(part, "package", fileName);
        }

        if (protocols is not null)
        {
            form.Add(new StringContent(protocols), "protocols");
        }

        return form;
    }
}
