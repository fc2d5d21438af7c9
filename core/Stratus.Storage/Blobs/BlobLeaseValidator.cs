namespace Stratus.Storage.Blobs;

internal static class BlobLeaseValidator
{
    public static void ValidateDuration(TimeSpan? duration)
    {
        if (duration is { } d && (d < StorageLimits.MinLeaseDuration || d > StorageLimits.MaxLeaseDuration))
        {
            throw new InvalidStorageRequestException(
                "InvalidHeaderValue",
                $"A lease lasts 15–60 s, or is infinite (null); {d.TotalSeconds} s was asked for.");
        }
    }

    public static void ValidateBreakPeriod(TimeSpan? breakPeriod)
    {
        if (breakPeriod is { } p && (p < TimeSpan.Zero || p > StorageLimits.MaxLeaseBreakPeriod))
        {
            throw new InvalidStorageRequestException("InvalidHeaderValue", $"A lease break period is 0–60 s; {p.TotalSeconds} s was asked for.");
        }
    }
}
