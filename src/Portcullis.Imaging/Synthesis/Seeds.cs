namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// Derives sub-seeds from a seed. <see cref="HashCode"/> is randomised per process, so it cannot be used:
/// the same seed must give the same pixels in every run.
/// </summary>
internal static class Seeds
{
    public static int Mix(int seed, int a, int b = 0)
    {
        unchecked
        {
            var h = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)a * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)b * 0x165667B19E3779F9UL);
            h ^= h >> 31;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
