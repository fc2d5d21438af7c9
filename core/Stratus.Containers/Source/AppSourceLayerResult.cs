using Stratus.Containers.Oci;
using Stratus.Archives;

namespace Stratus.Containers.Source;

/// <summary>
/// The layers built from an upload: <see cref="Layer"/> (the app under <c>home/application/current/</c>) and, when
/// the archive has dependency folders (<see cref="AppSourceLayer.DependencyFolders"/>), <see cref="DependencyLayer"/>
/// with just those; the manifest read from the archive's root; and <see cref="SourceDirectory"/>, the extracted files
/// (a Dockerfile build's context, or what a hooks build adds to its working container).
/// </summary>
public sealed record AppSourceLayerResult(LayerFile Layer, AppBuildManifest Manifest, string SourceDirectory, ExtractedArchive Archive)
{
    public LayerFile? DependencyLayer { get; init; }

    /// <summary>The layers in image order: dependencies first, so the app's code sits on top of them.</summary>
    public IReadOnlyList<LayerFile> Layers => DependencyLayer is { } dependencies ? [dependencies, Layer] : [Layer];
}
