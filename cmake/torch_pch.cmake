# LibTorch's umbrella header, precompiled once for the units that use it.
#
# Why: <torch/torch.h> takes ~21 s to parse with GCC 12 (measured on an
# empty file, at -O0 as at -O3), and 18 units include it (8 in ag_agent, 10
# agent tests): ~380 of a clean build's 1,870 s of compiler time. With a precompiled
# header (a ~630 MB .gch built once in ~43 s) such a unit compiles in about
# half the time (double_dqn.cpp: 32.5 -> 15.9 s CPU, AMD EPYC Zen 3). It is
# applied only to the units that include LibTorch: forced onto the others, it
# would slow them down (session 15 measured 13 -> 28 s per unit).
#
# ag_torch_users(<out-var> <file>...) sets <out-var> to the files among
# <file>... that include LibTorch, directly or through one of this project's
# headers (src/ and tests/ are include roots), found by reading their
# #include lines. A file it misses compiles without the header (slower, the
# same result); one it wrongly picks gets LibTorch included first.
option(AG_TORCH_PCH "Precompile <torch/torch.h> for the units that include it" ON)

function(ag_torch_users out)
  # Grow the set of headers that pull LibTorch in until it stops growing.
  file(GLOB_RECURSE headers ${CMAKE_SOURCE_DIR}/src/*.hpp ${CMAKE_SOURCE_DIR}/tests/*.hpp)
  set(pulls "torch/|ATen/|c10/")
  set(found "")
  set(grown TRUE)
  while(grown)
    set(grown FALSE)
    foreach(h ${headers})
      if(h IN_LIST found)
        continue()
      endif()
      file(STRINGS ${h} hits REGEX "^#include [<\"](${pulls})")
      if(hits)
        list(APPEND found ${h})
        # The name it is included by: relative to src/ or tests/.
        string(REGEX REPLACE "^${CMAKE_SOURCE_DIR}/(src|tests)/" "" name ${h})
        string(REPLACE "." "\\." name ${name})
        string(APPEND pulls "|${name}\"")
        set(grown TRUE)
      endif()
    endforeach()
  endwhile()
  set(users "")
  foreach(f ${ARGN})
    file(STRINGS ${f} hits REGEX "^#include [<\"](${pulls})")
    if(hits)
      list(APPEND users ${f})
    endif()
  endforeach()
  set(${out} ${users} PARENT_SCOPE)
endfunction()

# ag_torch_pch(<target> <sources>...): precompile the header for <target>'s
# units among <sources> that use LibTorch; the others skip it.
function(ag_torch_pch target)
  if(NOT AG_TORCH_PCH)
    return()
  endif()
  ag_torch_users(users ${ARGN})
  list(LENGTH users n)
  message(STATUS "LibTorch precompiled header: ${target}, ${n} units")
  target_precompile_headers(${target} PRIVATE <torch/torch.h>)
  foreach(f ${ARGN})
    if(NOT f IN_LIST users)
      set_source_files_properties(${f} TARGET_DIRECTORY ${target} PROPERTIES
                                  SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
endfunction()
