using System.Runtime.InteropServices;

namespace Stratus.Sandbox;

/// <summary>The libc calls the drivers need: who we run as, and handing a working directory to the step's user.</summary>
internal static class NativeMethods
{
    public static bool IsRoot => OperatingSystem.IsLinux() && Geteuid() == 0;

    public static uint EffectiveUserId => Geteuid();

    /// <summary>Changes owner and group of <paramref name="path"/> itself (a symbolic link is changed, never followed).</summary>
    public static void Chown(string path, int id)
    {
        if (Lchown(path, id, id) != 0)
        {
            throw new IOException($"lchown '{path}' failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Geteuid();

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Lchown(string path, int owner, int group);
}
