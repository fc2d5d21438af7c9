using System.Globalization;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// OpenPGP with BouncyCastle: an RSA-3072 signing key with a SHA-256 self-signature (gpg and terraform's go-crypto both
/// refuse SHA-1 ones), and binary detached signatures, the form terraform reads for <c>SHA256SUMS.sig</c>. The secret
/// key is not passphrase-protected here: its caller encrypts the whole armored text at rest.
/// </summary>
internal static class OpenPgpSigning
{
    private const int RsaBits = 3072;

    public static OpenPgpKeyMaterial Generate(string userId, DateTime createdUtc)
    {
        var random = new SecureRandom();
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), random, RsaBits, 100));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), createdUtc);

        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, PgpKeyFlags.CanSign | PgpKeyFlags.CanCertify);
        hashed.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha256, (int)HashAlgorithmTag.Sha512]);
        var rings = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification, pair, userId, SymmetricKeyAlgorithmTag.Null, HashAlgorithmTag.Sha256,
            Array.Empty<char>(), false, hashed.Generate(), null, random);

        var keyId = pair.KeyId.ToString("X16", CultureInfo.InvariantCulture);
        return new OpenPgpKeyMaterial(keyId, Armor(rings.GeneratePublicKeyRing().Encode), Armor(rings.GenerateSecretKeyRing().Encode));
    }

    /// <summary>A binary detached signature of <paramref name="data"/> (signature type 0x00, SHA-256).</summary>
    public static byte[] SignDetached(string secretKeyArmored, byte[] data, DateTime signedUtc)
    {
        var secretKey = ReadSecretKey(secretKeyArmored);
        var generator = new PgpSignatureGenerator(secretKey.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, secretKey.ExtractPrivateKey(Array.Empty<char>()));
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, signedUtc);
        hashed.SetIssuerFingerprint(false, secretKey);
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, secretKey.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        generator.Update(data);

        using var output = new MemoryStream();
        generator.Generate().Encode(output);
        return output.ToArray();
    }

    private static PgpSecretKey ReadSecretKey(string armored)
    {
        using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armored)));
        var ring = new PgpSecretKeyRing(input);
        return ring.GetSecretKey();
    }

    private static string Armor(Action<Stream> encode)
    {
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            encode(armored);
        }

        return Encoding.ASCII.GetString(buffer.ToArray());
    }
}
