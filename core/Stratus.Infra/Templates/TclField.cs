using YamlDotNet.RepresentationModel;

namespace Stratus.Infra.Templates;

/// <summary>A mapping entry the reader knows; the key is kept so "does not apply here" problems point at the field name.</summary>
internal readonly record struct TclField(YamlNode Key, YamlNode Value);
