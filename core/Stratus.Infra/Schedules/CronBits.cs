using System.Numerics;

namespace Stratus.Infra.Schedules;

/// <summary>
/// The set of values one cron field allows, as a bitset over [<see cref="Min"/>, <see cref="Max"/>]. The next-occurrence
/// search asks "the smallest allowed value at or after v", which a bitset answers with a trailing-zero count instead of
/// a scan; years need 130 bits, so the set spans as many 64-bit words as the range needs.
/// </summary>
internal sealed class CronBits
{
    private readonly ulong[] _words;

    public CronBits(int min, int max)
    {
        Min = min;
        Max = max;
        _words = new ulong[((max - min) / 64) + 1];
    }

    public int Min { get; }

    public int Max { get; }

    /// <summary>True when every value in the range is allowed; the repeated-hour rule for DST uses it on hours.</summary>
    public bool IsFull
    {
        get
        {
            for (var value = Min; value <= Max; value++)
            {
                if (!Contains(value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void Add(int value)
    {
        var index = value - Min;
        _words[index >> 6] |= 1UL << (index & 63);
    }

    public bool Contains(int value)
    {
        if (value < Min || value > Max)
        {
            return false;
        }

        var index = value - Min;
        return (_words[index >> 6] & (1UL << (index & 63))) != 0;
    }

    /// <summary>The smallest allowed value that is at least <paramref name="value"/>, or -1 when there is none.</summary>
    public int Next(int value)
    {
        if (value > Max)
        {
            return -1;
        }

        var index = Math.Max(value, Min) - Min;
        var word = index >> 6;
        var bits = _words[word] & (ulong.MaxValue << (index & 63));
        while (true)
        {
            if (bits != 0)
            {
                var found = Min + (word * 64) + BitOperations.TrailingZeroCount(bits);
                return found <= Max ? found : -1;
            }

            if (++word == _words.Length)
            {
                return -1;
            }

            bits = _words[word];
        }
    }

    /// <summary>The set as a mask with bit v set for each allowed value v; only for ranges that end below 64.</summary>
    public ulong ToMask()
    {
        var mask = 0UL;
        for (var value = Min; value <= Max; value++)
        {
            if (Contains(value))
            {
                mask |= 1UL << value;
            }
        }

        return mask;
    }
}
