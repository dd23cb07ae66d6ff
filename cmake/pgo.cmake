# Profile-guided optimisation of the emulator (ag_emu).
#
# Why: the 6507 interpreter is one large switch whose hot paths (RAM and ROM
# accesses) share a function with rare chip accesses; without a profile GCC
# spreads registers and code layout evenly over both. With one, measured
# +6-10% frames/s on the benchmark games (docs/design.md).
#
# How: a Release build of the same sources is configured under
# <build>/pgo-instrumented with AG_PGO_STAGE=generate (ag_emu compiled with
# -fprofile-generate), its `atari-gym bench emu` is run on a set of training
# ROMs (cmake/pgo_train.cmake), and this build compiles ag_emu with
# -fprofile-use on that data. The training set leaves out the five games the
# README benchmarks, so those numbers are not measured on the training data.
# Without the training ROMs (or with another compiler, a sanitizer, or
# -DAG_PGO=OFF) ag_emu is built without a profile, with the same behaviour.

option(AG_PGO "Optimise the emulator with a profile from a training run (GCC)" ON)
set(AG_PGO_STAGE "" CACHE STRING "internal: 'generate' in the instrumented sub-build")
mark_as_advanced(AG_PGO_STAGE)

# Games with varied kernels and mappers (F8, F6, E0, FE, DPC, ...); not
# Space Invaders, Pong, Breakout, Ms. Pac-Man or Seaquest (the benchmark).
set(AG_PGO_TRAINING_ROMS
    alien amidar asterix atlantis beam_rider boxing demon_attack enduro freeway frostbite
    gopher hero kangaroo montezuma_revenge pitfall2 qbert riverraid tennis video_pinball
    wizard_of_wor)
set(AG_PGO_TRAINING_FRAMES 2000)

# The profile: pgo-data in the instrumented build's directory.
if(AG_PGO_STAGE STREQUAL "generate")
  target_compile_options(ag_emu PRIVATE -fprofile-generate=${CMAKE_BINARY_DIR}/pgo-data
                         -fprofile-prefix-path=${CMAKE_BINARY_DIR} -fprofile-update=single)
  target_link_options(atari-gym-pgo PRIVATE -fprofile-generate)
  return()
endif()

if(NOT AG_PGO)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" OR AG_SANITIZE OR AG_BUILD_FUZZERS
   OR NOT CMAKE_BUILD_TYPE STREQUAL "Release")
  message(STATUS "PGO: off (needs GCC, a Release build, no sanitizers)")
  return()
endif()

# The training ROMs, found like the program finds ROMs.
set(AG_PGO_ROM_DIR "" CACHE PATH "Folder with the PGO training ROMs (default: ROM search path)")
set(pgo_rom_dir "")
foreach(dir ${AG_PGO_ROM_DIR} $ENV{ATARI_ROM_DIR} ${CMAKE_SOURCE_DIR}/roms
        ${CMAKE_SOURCE_DIR}/../shared/roms)
  if(dir AND EXISTS ${dir}/alien.bin AND EXISTS ${dir}/qbert.bin)
    get_filename_component(pgo_rom_dir ${dir} ABSOLUTE)
    break()
  endif()
endforeach()
if(NOT pgo_rom_dir)
  message(STATUS "PGO: off (no training ROMs found; set AG_PGO_ROM_DIR)")
  return()
endif()
message(STATUS "PGO: on, training ROMs from ${pgo_rom_dir}")

# The instrumented build is the same project (same object paths relative to
# its build directory, which -fprofile-prefix-path makes the profile's key).
set(pgo_build ${CMAKE_BINARY_DIR}/pgo-instrumented)
string(REPLACE ";" "," pgo_roms "${AG_PGO_TRAINING_ROMS}")  # one argument
set(pgo_data ${pgo_build}/pgo-data)
set(pgo_stamp ${pgo_data}/trained.stamp)  # (removed with the data when retraining)
# The sub-build shares this build's parallel jobs: under make, a recursive
# $(MAKE) joins its jobserver (a plain `cmake --build` child gets none and
# ran at -j1: 171 s with the other core idle at the start of every clean
# build, everything else waiting for the emulator); other generators get
# the machine's core count.
if(CMAKE_GENERATOR MATCHES "Make")
  set(pgo_build_command "$(MAKE)" atari-gym-pgo)
else()
  cmake_host_system_information(RESULT pgo_jobs QUERY NUMBER_OF_LOGICAL_CORES)
  set(pgo_build_command ${CMAKE_COMMAND} --build ${pgo_build} --target atari-gym-pgo
                        --parallel ${pgo_jobs})
endif()
include(ExternalProject)
ExternalProject_Add(ag_pgo_training
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${pgo_build}
  # Same compiler and flags: the profile must match this build's code.
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
             "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
             "-DCMAKE_CXX_FLAGS_RELEASE=${CMAKE_CXX_FLAGS_RELEASE}"
             -DAG_PGO_STAGE=generate -DAG_BUILD_TESTS=OFF -DAG_NO_PIE=${AG_NO_PIE}
  BUILD_COMMAND ${pgo_build_command}
  INSTALL_COMMAND ${CMAKE_COMMAND} -DPROGRAM=${pgo_build}/atari-gym-pgo -DROM_DIR=${pgo_rom_dir}
                  -DROMS=${pgo_roms} -DFRAMES=${AG_PGO_TRAINING_FRAMES}
                  -DDATA_DIR=${pgo_data} -DSTAMP=${pgo_stamp}
                  -P ${CMAKE_SOURCE_DIR}/cmake/pgo_train.cmake
  BUILD_ALWAYS ON  # the sub-build is incremental; training reruns only if it changed
  BUILD_BYPRODUCTS ${pgo_stamp})

# The profile's names are this build's object paths (-fprofile-prefix-path).
target_compile_options(ag_emu PRIVATE -fprofile-use=${pgo_data}
                       -fprofile-prefix-path=${CMAKE_BINARY_DIR} -fprofile-partial-training
                       -Wno-missing-profile -Wno-error=coverage-mismatch)
add_dependencies(ag_emu ag_pgo_training)
# Recompile the emulator when the profile is retrained.
get_target_property(emu_sources ag_emu SOURCES)
set_source_files_properties(${emu_sources} TARGET_DIRECTORY ag_emu PROPERTIES OBJECT_DEPENDS
                            ${pgo_stamp})
