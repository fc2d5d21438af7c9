namespace Stratus.Secrets;

/// <summary>What a signed link's check found.</summary>
public enum LinkCheck
{
    Valid,

    /// <summary>Signed by Stratus for this path, but past its expiry.</summary>
    Expired,

    /// <summary>Not signed by Stratus for this path and purpose (altered, for another file, or no signature).</summary>
    Invalid,
}
