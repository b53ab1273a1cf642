using System;
using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SpecClients.Generator;

/// <summary>
/// Runs the generator's precompiled (ReadyToRun) code when the compiler has loaded this assembly in a way that leaves
/// that code unused (docs/architecture.md#packaging).
/// </summary>
/// <remarks>
/// <para>
/// On linux-x64 build/SpecClients.targets hands the compiler the package's ReadyToRun images. csc loads them by path and
/// runs their native code. The compiler server (VBCSCompiler) reads analyzers into memory and loads them from there: the
/// runtime then ignores an image's native code and JITs every method the generator runs. On Stripe a server's first
/// build ran the generator about 1.4 times as long as it does with the images' code (docs/performance.md).
/// </para>
/// <para>
/// So when this assembly has no file location and the host says it came from the images' folder, the same files are
/// loaded again by path into a load context of this generator's own, and that copy's generator does the work. The
/// context is made once per process and folder and never unloaded: a package version's files do not change, the images
/// are only used on Linux, where a mapped file blocks neither its deletion nor its replacement, and a server that reloads
/// its analyzers finds the context again instead of loading the files once more.
/// </para>
/// <para>
/// The folder is the host's own record, a property of Roslyn's internal analyzer load context; there is no public way to
/// ask it. If that property is gone, the folder is not the images', or anything fails, this copy does the work, exactly
/// as before. The compiler's assemblies (Microsoft.CodeAnalysis above all) resolve to the host's, as the host resolves
/// them for any analyzer, so the other copy's generator implements the compiler's interface; a copy that does not is
/// not used.
/// </para>
/// <para>
/// <c>System.Runtime.Loader.AssemblyLoadContext</c> is reached by reflection: it is not part of netstandard2.0, and its
/// package for netstandard brings the .NET Core 1.x package graph into every restore. Hosts on .NET Framework never get
/// here (they load analyzers by path, and the location check returns first).
/// </para>
/// </remarks>
internal static class PrecompiledGenerator
{
    /// <summary>The folder build/SpecClients.targets takes the images from, relative to the package root.</summary>
    private const string ImagesFolder = "readytorun/linux-x64";

    private const string ContextKeyPrefix = "SpecClients.Generator.PrecompiledContext:";
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// The generator of the precompiled copy, when this one was loaded from memory out of the images' folder; otherwise
    /// <see langword="null"/>, and this copy runs.
    /// </summary>
    public static IIncrementalGenerator? TryLoad()
    {
        try
        {
            // Loaded by path (csc; Visual Studio's shadow copies; the IL builds anywhere): the runtime already uses
            // whatever native code the file has.
            var self = typeof(PrecompiledGenerator).Assembly;
            if (!string.IsNullOrEmpty(self.Location))
            {
                return null;
            }

            var loader = LoadContextApi.Find();
            var directory = loader?.DirectoryOf(self);
            if (loader is null || directory is null || !IsImagesFolder(directory))
            {
                return null;
            }

            var context = loader.ContextFor(directory);

            // A missing file throws here, and this copy does the work.
            var assembly = loader.LoadFromPath(context, Path.Combine(directory, self.GetName().Name + ".dll"));

            // A copy without a location would come here again from its own Initialize, without end.
            if (string.IsNullOrEmpty(assembly.Location))
            {
                return null;
            }

            // Every assembly the copy names must resolve now, while a failure can still leave the work to this copy.
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                loader.LoadFromName(context, reference);
            }

            var type = assembly.GetType(typeof(SpecClientsGenerator).FullName!, throwOnError: false);
            return type is not null && typeof(IIncrementalGenerator).IsAssignableFrom(type)
                ? (IIncrementalGenerator?)Activator.CreateInstance(type)
                : null;
        }
        catch (Exception)
        {
            // Whatever went wrong, the generator in hand is the same code.
            return null;
        }
    }

    /// <summary>Whether <paramref name="directory"/> ends with <see cref="ImagesFolder"/> (either separator).</summary>
    private static bool IsImagesFolder(string directory)
    {
        var normalized = directory.Replace('\\', '/').TrimEnd('/');
        return normalized.EndsWith("/" + ImagesFolder, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The few members of <c>AssemblyLoadContext</c> used here, found by reflection.</summary>
    private sealed class LoadContextApi
    {
        private readonly Type _type;
        private readonly MethodInfo _getLoadContext;
        private readonly MethodInfo _loadFromAssemblyPath;
        private readonly MethodInfo _loadFromAssemblyName;
        private readonly EventInfo _resolving;

        private LoadContextApi(Type type, MethodInfo getLoadContext, MethodInfo loadFromAssemblyPath, MethodInfo loadFromAssemblyName, EventInfo resolving)
        {
            _type = type;
            _getLoadContext = getLoadContext;
            _loadFromAssemblyPath = loadFromAssemblyPath;
            _loadFromAssemblyName = loadFromAssemblyName;
            _resolving = resolving;
        }

        public static LoadContextApi? Find()
        {
            var type = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
            var getLoadContext = type?.GetMethod("GetLoadContext", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(Assembly) }, null);
            var loadFromAssemblyPath = type?.GetMethod("LoadFromAssemblyPath", BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(string) }, null);
            var loadFromAssemblyName = type?.GetMethod("LoadFromAssemblyName", BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(AssemblyName) }, null);
            var resolving = type?.GetEvent("Resolving");
            return type is null || getLoadContext is null || loadFromAssemblyPath is null || loadFromAssemblyName is null || resolving is null
                ? null
                : new LoadContextApi(type, getLoadContext, loadFromAssemblyPath, loadFromAssemblyName, resolving);
        }

        /// <summary>The folder the host loaded <paramref name="assembly"/> from, as its load context records it.</summary>
        public string? DirectoryOf(Assembly assembly)
        {
            var context = GetLoadContext(assembly);
            return context?.GetType().GetProperty("Directory", Instance)?.GetValue(context) as string;
        }

        public Assembly LoadFromPath(object context, string path) => (Assembly)Invoke(_loadFromAssemblyPath, context, path);

        public Assembly LoadFromName(object context, AssemblyName name) => (Assembly)Invoke(_loadFromAssemblyName, context, name);

        /// <summary>The process's one load context for <paramref name="directory"/>, kept where a reloaded copy of this class finds it.</summary>
        public object ContextFor(string directory)
        {
            var key = ContextKeyPrefix + Path.GetFullPath(directory);

            // An interned key is one object per process, whichever copy of this assembly asks.
            lock (string.Intern(key))
            {
                if (AppDomain.CurrentDomain.GetData(key) is { } existing && _type.IsInstanceOfType(existing))
                {
                    return existing;
                }

                // new AssemblyLoadContext(name, isCollectible: false): never unloaded, so the runtime compiles in tiers
                // and uses the images' native code.
                var context = Activator.CreateInstance(_type, "SpecClients.Generator (" + directory + ")", false)!;
                var resolver = new Resolver(this, context, GetLoadContext(typeof(IIncrementalGenerator).Assembly), directory);
                var handler = Delegate.CreateDelegate(
                    _resolving.EventHandlerType!,
                    resolver,
                    typeof(Resolver).GetMethod(nameof(Resolver.Resolve), Instance)!);
                _resolving.AddEventHandler(context, handler);
                AppDomain.CurrentDomain.SetData(key, context);
                return context;
            }
        }

        private object? GetLoadContext(Assembly assembly) => Invoke(_getLoadContext, null, assembly);

        // Failures surface as TargetInvocationException; every caller catches them all.
        private static object Invoke(MethodInfo method, object? target, object argument) => method.Invoke(target, new[] { argument })!;

        /// <summary>
        /// What the runtime cannot find by itself (it looks in the default context first): the compiler's assemblies,
        /// when the host keeps them in a context of their own, then the generator's files in the folder.
        /// </summary>
        private sealed class Resolver
        {
            private readonly LoadContextApi _api;
            private readonly object _context;
            private readonly object? _compilerContext;
            private readonly string _directory;

            public Resolver(LoadContextApi api, object context, object? compilerContext, string directory)
            {
                _api = api;
                _context = context;
                _compilerContext = compilerContext;
                _directory = directory;
            }

            // Bound to Func<AssemblyLoadContext, AssemblyName, Assembly?>: a parameter of a base type is allowed.
            public Assembly? Resolve(object requestingContext, AssemblyName name)
            {
                if (_compilerContext is not null)
                {
                    try
                    {
                        return _api.LoadFromName(_compilerContext, name);
                    }
                    catch (Exception)
                    {
                        // Not one of the host's.
                    }
                }

                try
                {
                    return _api.LoadFromPath(_context, Path.Combine(_directory, name.Name + ".dll"));
                }
                catch (Exception)
                {
                    // Not one of the generator's either: the runtime reports it missing, as it would without this context.
                    return null;
                }
            }
        }
    }
}
