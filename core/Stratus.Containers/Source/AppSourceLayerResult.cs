using Stratus.Containers.Oci;
using Stratus.Infra.Execution;

namespace Stratus.Containers.Source;

/// <summary>
/// The app layer built from an upload: <see cref="Layer"/> (everything under <c>home/application/current/</c>), the
/// manifest read from the archive's root, and <see cref="SourceDirectory"/>, the extracted files (a Dockerfile build's
/// context, or what a hooks build adds to its working container).
/// </summary>
public sealed record AppSourceLayerResult(LayerFile Layer, AppBuildManifest Manifest, string SourceDirectory, ExtractedArchive Archive);
