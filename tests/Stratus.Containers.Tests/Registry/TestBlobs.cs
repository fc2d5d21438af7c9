using Stratus.Containers.Oci;

namespace Stratus.Containers.Tests.Registry;

internal static class TestBlobs
{
    /// <summary>Random bytes, so every test's blobs are new to the shared registry.</summary>
    public static (byte[] Content, string Digest) Random(int size)
    {
        var content = new byte[size];
        System.Security.Cryptography.RandomNumberGenerator.Fill(content);
        return (content, OciDigest.Sha256(content));
    }

    /// <summary>A repository name no other test uses.</summary>
    public static string UniqueRepository(string prefix) => $"{prefix}/{Guid.NewGuid():N}";
}
