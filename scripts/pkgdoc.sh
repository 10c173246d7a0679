#!/bin/sh
# pkgdoc.sh: list every standard package's exported functions, constants,
# variables, types and methods, as registered by stdlib/*.c.  Builds goro's
# objects (make), links scripts/pkgdump.c against them and runs it.
#   sh scripts/pkgdoc.sh            the raw list (package / func / const / var / type / method)
#   sh scripts/pkgdoc.sh markdown   the same as markdown bullet lists, a section per package
# docs/language.md's package reference is this output (between its pkgdoc
# markers), with scripts/pkgintro.txt giving each package's first line:
#   sh scripts/pkgdoc.sh update     rewrites that part of docs/language.md
set -e
cd "$(dirname "$0")/.."
make -s build/goro >/dev/null
objs=$(ls build/src/*.o build/runtime/*.o build/stdlib/*.o build/gen/*.o | grep -v '/cli\.o$')
gc=$(pkg-config --libs bdw-gc 2>/dev/null || echo -lgc)
cc -std=gnu11 -DGC_THREADS -D_GNU_SOURCE -Isrc -Iruntime -Istdlib -Ibuild/gen -no-pie \
   -o build/pkgdump scripts/pkgdump.c $objs $gc -lgmp -lreadline -lm -lpthread
if [ "$1" = markdown ]; then
    build/pkgdump | awk -v introfile=scripts/pkgintro.txt '
        BEGIN {
            FS = " "
            while ((getline l < introfile) > 0) {
                if (l ~ /^#/ || l !~ /\t/) continue
                k = l; sub(/\t.*/, "", k); t = l; sub(/^[^\t]*\t/, "", t); intro[k] = t
            }
        }
        function flush() {
            if (pkg == "") return
            printf "\n### %s\n\n", pkg
            if (pkg in intro) printf "%s\n\n", intro[pkg]
            else printf "import \"%s\"\n\n", pkg
            if (funcs != "")  printf "Functions: %s.\n\n", funcs
            if (consts != "") printf "Constants: %s.\n\n", consts
            if (vars != "")   printf "Variables: %s.\n\n", vars
            if (ntypes) {
                printf "Types:\n\n"
                for (i = 1; i <= ntypes; i++) printf "- %s\n", types[i]
            }
            funcs = consts = vars = ""; ntypes = 0
        }
        function add(list, x) { return list == "" ? "`" x "`" : list ", `" x "`" }
        function exported(n) { return n ~ /^[A-Z]/ }
        $1 == "package" { flush(); pkg = $2; next }
        $1 == "func"  && exported($2) { funcs = add(funcs, $2); next }
        $1 == "const" && exported($2) { consts = add(consts, $2); next }
        $1 == "var"   && exported($2) { vars = add(vars, $2); next }
        $1 == "type" {
            if (!exported($2)) { skip = 1; next }
            skip = 0; line = $0; sub(/^ *type /, "", line)
            n = split(line, w, " ")
            if (n > 1) { line = "`" w[1] "` interface {"; for (k = 4; k < n; k++) line = line " " w[k]; line = line " }" }
            else line = "`" line "`"
            types[++ntypes] = line; hasm[ntypes] = 0; next
        }
        $1 == "method" && !skip {
            m = $2; sub(/.*\./, "", m)
            if (!exported(m)) next
            if (!hasm[ntypes]) { types[ntypes] = types[ntypes] ": "; hasm[ntypes] = 1 } else types[ntypes] = types[ntypes] ", "
            types[ntypes] = types[ntypes] "`" m "`"
            next
        }
        END { flush() }'
elif [ "$1" = update ]; then
    sh scripts/pkgdoc.sh markdown > build/pkgdoc.md
    awk -v gen=build/pkgdoc.md '
        /<!-- pkgdoc begin -->/ { print; while ((getline l < gen) > 0) print l; skip = 1; next }
        /<!-- pkgdoc end -->/ { print ""; skip = 0 }
        !skip' docs/language.md > build/language.md
    mv build/language.md docs/language.md
else
    build/pkgdump
fi
