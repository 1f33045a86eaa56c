using Spectre.Console.Cli;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>The few services the commands take (the console, the environment), without a container package.</summary>
sealed class TypeRegistrar : ITypeRegistrar
{
    readonly Dictionary<Type, List<Func<Resolver, object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, resolver => resolver.Construct(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, _ => implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        object? made = null;
        Add(service, _ => made ??= factory());
    }

    void Add(Type service, Func<Resolver, object> factory)
    {
        if (!_factories.TryGetValue(service, out var list))
            _factories[service] = list = [];
        list.Add(factory);
    }

    public ITypeResolver Build() => new Resolver(_factories);

    internal sealed class Resolver(Dictionary<Type, List<Func<Resolver, object>>> factories) : ITypeResolver
    {
        public object? Resolve(Type? type)
        {
            if (type is null)
                return null;
            if (factories.TryGetValue(type, out var registered))
                return registered[^1](this);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var element = type.GetGenericArguments()[0];
                var all = factories.TryGetValue(element, out var list) ? list.Select(f => f(this)).ToArray() : [];
                var array = Array.CreateInstance(element, all.Length);
                Array.Copy(all, array, all.Length);
                return array;
            }
            if (type.IsAbstract || type.IsInterface)
                return null;

            return Construct(type);
        }

        /// <summary>Commands and settings: built with their constructor's parameters resolved.</summary>
        public object Construct(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (constructor is null)
                return Activator.CreateInstance(type)!;
            return constructor.Invoke(constructor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray());
        }
    }
}
