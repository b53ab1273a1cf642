namespace SpecClients.Generator.Emit;

/// <summary>
/// The framework and runtime names generated code spells out, <c>global::</c>-qualified so that no schema name can
/// capture them. A name moved in the runtime is changed here once. The <c>*Cref</c> forms are for doc comments, which
/// show them as the reader knows them.
/// </summary>
internal static class KnownTypes
{
    // System
    public const string ArgumentNullException = "global::System.ArgumentNullException";
    public const string TimeProvider = "global::System.TimeProvider";
    public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
    public const string IEquatable = "global::System.IEquatable";
    public const string Func = "global::System.Func";
    public const string StringComparer = "global::System.StringComparer";
    public const string SystemType = "global::System.Type";
    public const string Uri = "global::System.Uri";
    public const string StringBuilder = "global::System.Text.StringBuilder";
    public const string NotNullWhenTrue = "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)]";
    public const string HiddenFromIntelliSense =
        "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    /// <summary>The attribute a deprecated schema, property or operation carries.</summary>
    public const string DeprecatedAttribute = "[global::System.Obsolete(\"Deprecated in the spec.\")]";

    /// <summary>
    /// What a deprecated C# <c>required</c> member says in its remarks instead of <see cref="DeprecatedAttribute"/>, which on
    /// a required member is warning CS9042.
    /// </summary>
    public const string RequiredDeprecatedRemark = "deprecated in the spec (not marked <c>[Obsolete]</c>: a required member cannot be)";

    // Collections, tasks, HTTP
    public const string Dictionary = "global::System.Collections.Generic.Dictionary";
    public const string List = "global::System.Collections.Generic.List";
    public const string IEnumerable = "global::System.Collections.Generic.IEnumerable";
    public const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string IReadOnlyDictionary = "global::System.Collections.Generic.IReadOnlyDictionary";
    public const string KeyValuePair = "global::System.Collections.Generic.KeyValuePair";
    public const string LinqEnumerable = "global::System.Linq.Enumerable";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string HttpClient = "global::System.Net.Http.HttpClient";
    public const string HttpMethod = "global::System.Net.Http.HttpMethod";

    // System.Text.Json
    public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string JsonException = "global::System.Text.Json.JsonException";
    public const string JsonSerializerOptions = "global::System.Text.Json.JsonSerializerOptions";

    public const string JsonConverterAttribute = "global::System.Text.Json.Serialization.JsonConverter";

    // SpecClients.Runtime.Json
    private const string RuntimeJson = "global::SpecClients.Runtime.Json.";
    public const string JsonRead = RuntimeJson + "JsonRead";
    public const string JsonWrite = RuntimeJson + "JsonWrite";
    public const string JsonMembers = RuntimeJson + "JsonMembers";
    public const string JsonMemberSet = RuntimeJson + "JsonMemberSet";
    public const string RecordText = RuntimeJson + "RecordText";
    public const string EmptyStringArray = "global::System.Array.Empty<string>()";
    public const string EmptyObjectArray = "global::System.Array.Empty<object?>()";
    public const string JsonUnion = RuntimeJson + "JsonUnion";
    public const string JsonKindsType = RuntimeJson + "JsonKinds";
    public const string UnionShape = RuntimeJson + "UnionShape";
    public const string UnionCase = RuntimeJson + "UnionCase";
    public const string UnionConstraint = RuntimeJson + "UnionConstraint";
    public const string ParameterFormat = RuntimeJson + "ParameterFormat";

    /// <summary>The base of generated converters, <c>GeneratedJsonConverter&lt;T&gt;</c> without its type argument.</summary>
    public const string GeneratedJsonConverter = RuntimeJson + "GeneratedJsonConverter";

    /// <summary>An extensible enum's table of listed values, <c>KnownValues&lt;T&gt;</c> without its type argument.</summary>
    public const string KnownValues = RuntimeJson + "KnownValues";

    /// <summary>The base of generated unions, <c>GeneratedUnion&lt;TSelf, TCases&gt;</c> without its type arguments.</summary>
    public const string GeneratedUnion = RuntimeJson + "GeneratedUnion";

    // SpecClients.Runtime.Http
    private const string RuntimeHttpName = "SpecClients.Runtime.Http.";
    public const string ApiClientCore = "global::" + RuntimeHttpName + "ApiClientCore";
    public const string ApiErrorResponses = "global::" + RuntimeHttpName + "ApiErrorResponses";
    public const string ApiRequest = "global::" + RuntimeHttpName + "ApiRequest";
    public const string ServerUrl = "global::" + RuntimeHttpName + "ServerUrl";
    public const string MultipartBody = "global::" + RuntimeHttpName + "MultipartBody";
    public const string ApiExceptionCref = RuntimeHttpName + "ApiException";

    // SpecClients.Runtime.Auth
    private const string RuntimeAuthName = "SpecClients.Runtime.Auth.";

    /// <summary>The runtime's auth API that only generated code calls, hidden from IntelliSense in its own namespace.</summary>
    private const string RuntimeAuthGeneratedName = "SpecClients.Runtime.Auth.Generated.";
    public const string IRequestAuthenticator = "global::" + RuntimeAuthName + "IRequestAuthenticator";
    public const string RequestAuthorizer = "global::" + RuntimeAuthGeneratedName + "RequestAuthorizer";
    public const string SecurityRequirement = "global::" + RuntimeAuthGeneratedName + "SecurityRequirement";
    public const string ApiKeyAuthenticator = "global::" + RuntimeAuthGeneratedName + "ApiKeyAuthenticator";
    public const string ApiKeyLocationType = "global::" + RuntimeAuthGeneratedName + "ApiKeyLocation";
    public const string BasicAuthenticator = "global::" + RuntimeAuthGeneratedName + "BasicAuthenticator";
    public const string BearerAuthenticator = "global::" + RuntimeAuthGeneratedName + "BearerAuthenticator";
    public const string SharedAuthServicesCref = RuntimeAuthName + "AuthServices.Shared";
}
