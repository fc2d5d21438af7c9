// The step sandbox drivers run on Linux only (podman, runc, file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
